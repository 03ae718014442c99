using System.Text.RegularExpressions;
using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Docker;

/// <summary>
/// One <c>--build-arg</c>. A secret one never appears in argv or logs: docker gets <c>--build-arg NAME</c> and reads the
/// value from its own environment, and the value is shown as <c>[REDACTED]</c>.
/// </summary>
/// <remarks>
/// Redaction protects the build log, not the image: the legacy builder records the build arguments a <c>RUN</c> step saw
/// in the image history (<c>docker history</c>). Credentials a build must not keep belong in build secrets
/// (<see cref="ImageBuildSettingsExtensions.AddBuildSecret{T}(T, string, string)"/>, read by <c>RUN --mount=type=secret</c>).
/// </remarks>
public sealed partial record BuildArgument
{
    /// <summary>Creates a build argument; throws <see cref="SettingsException"/> when <paramref name="name"/> is not a valid build argument name.</summary>
    public BuildArgument(string name, string value, bool isSecret = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (FindNameViolation(name, isSecret) is { } violation)
            throw new SettingsException(violation);
        Name = name;
        Value = value;
        IsSecret = isSecret;
    }

    /// <summary>The argument's name, <c>NAME</c> of <c>--build-arg NAME=value</c>.</summary>
    public string Name { get; }

    /// <summary>The argument's value; for a secret one, handed to docker through its environment only.</summary>
    public string Value { get; }

    /// <summary>Whether the value is kept out of argv and logs (shown as <c>[REDACTED]</c>).</summary>
    public bool IsSecret { get; }

    /// <summary><c>NAME=value</c>, or <c>NAME=[REDACTED]</c> for a secret.</summary>
    public override string ToString() => $"{Name}={(IsSecret ? "[REDACTED]" : Value)}";

    private static string? FindNameViolation(string name, bool isSecret)
    {
        if (name.Length == 0)
            return "A build argument needs a name (ARG NAME in the Dockerfile).";
        if (name.Contains('='))
            return $"Build argument name '{name}' contains '='; pass the name and the value separately: AddBuildArg(\"NAME\", \"value\").";
        if (!isSecret)
            return null;
        // The value travels as an environment variable of the docker CLI, so the name must be one, and must not
        // change how the CLI itself behaves.
        if (!EnvironmentName().IsMatch(name))
            return $"Secret build argument '{name}' is passed to docker through its environment, so its name must be letters, digits and '_', not starting with a digit.";
        if (name.StartsWith("DOCKER_", StringComparison.OrdinalIgnoreCase) || name is "PATH" or "HOME")
            return $"Secret build argument '{name}' would be set in the docker CLI's environment, where {name} changes how docker itself runs; rename the ARG.";
        return null;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
