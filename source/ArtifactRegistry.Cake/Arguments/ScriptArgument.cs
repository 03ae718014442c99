using Cake.Core;

namespace ArtifactRegistry.Cake.Arguments;

/// <summary>
/// One command-line argument the aliases read (<c>dotnet cake --image-tags=1.4.0,stable</c>), named as the NUKE components'
/// parameter for the same setting, so one deploy command reads the same in both hosts.
/// </summary>
/// <param name="Name">As typed after <c>--</c>: <c>image-tags</c>.</param>
/// <param name="Example">A value as a user would give it, shown in messages and README tables.</param>
internal sealed record ScriptArgument(string Name, string Example)
{
    /// <summary>How a message shows it: <c>--image-tags</c>.</summary>
    public string Flag => "--" + Name;

    /// <summary>Every value given, repeated arguments and comma-separated lists alike; empty when it is absent.</summary>
    public IReadOnlyList<string> Values(ICakeArguments arguments) => arguments.HasArgument(Name)
        ? arguments.GetArguments(Name)
            .SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList()
        : [];

    /// <summary>The value given last, or null when it is absent.</summary>
    public string? Value(ICakeArguments arguments) =>
        arguments.HasArgument(Name) && arguments.GetArguments(Name).LastOrDefault(value => !string.IsNullOrWhiteSpace(value)) is { } value
            ? value.Trim()
            : null;

    /// <summary>A switch: present without a value (<c>--dry-run</c>) or <c>=true</c>; <c>=false</c> is false, absent is null.</summary>
    /// <exception cref="ArgumentException">A value other than true or false.</exception>
    public bool? Switch(ICakeArguments arguments)
    {
        if (!arguments.HasArgument(Name))
            return null;
        var value = arguments.GetArguments(Name).LastOrDefault();
        if (string.IsNullOrWhiteSpace(value))
            return true;
        return bool.TryParse(value.Trim(), out var parsed)
            ? parsed
            : throw new ArgumentException($"{Flag}={value} is not a switch value: give {Flag} (or {Flag}=true) to turn it on, {Flag}=false to turn it off.");
    }
}
