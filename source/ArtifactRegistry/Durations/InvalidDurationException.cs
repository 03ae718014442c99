using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Durations;

/// <summary>A duration parameter was given text that is not a duration. The message names the parameter, says why and what to write.</summary>
public sealed class InvalidDurationException : FormatException
{
    internal InvalidDurationException(string parameterName, string value, string problem)
        : base($"{parameterName} got '{value}', which is not a duration: {problem}. Write {Duration.Forms}.")
    {
        ParameterName = parameterName;
        Value = value;
    }

    internal InvalidDurationException(SettingName setting, string value, string problem)
        : base($"'{value}' ({setting}) is not a duration: {problem}. Write {Duration.Forms}.")
    {
        this.Naming(setting);
        ParameterName = setting.ToString();
        Value = value;
    }

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);

    /// <summary>The parameter as the user gave it, like <c>--rollout-timeout</c>.</summary>
    public string ParameterName { get; }

    /// <summary>The text given.</summary>
    public string Value { get; }
}
