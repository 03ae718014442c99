namespace ArtifactRegistry.Processes;

/// <summary>A change to the environment a program inherits: a new value, or (when <see cref="Value"/> is null) removal.</summary>
public sealed class EnvironmentVariableOverride
{
    /// <summary>Creates an override; throws <see cref="ArgumentException"/> when <paramref name="name"/> is empty, and <see cref="Hints.SettingsException"/> when it contains <c>=</c>.</summary>
    public EnvironmentVariableOverride(string name, string? value, bool isSecret = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('='))
            throw new Hints.SettingsException(
                $"Environment variable name '{name}' contains '='.{Environment.NewLine}" +
                $"A variable's name ends at its first '=', so the program would get another variable than the one meant.{Environment.NewLine}" +
                "Pass the name and the value separately: SetEnvironmentVariable(\"NAME\", \"value\").");
        Name = name;
        Value = value;
        IsSecret = isSecret;
    }

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>The new value, or null to remove the variable.</summary>
    public string? Value { get; }

    /// <summary>Whether the variable is removed (<see cref="Value"/> is null).</summary>
    public bool IsRemoval => Value is null;

    /// <summary>Whether the value is shown as <c>[REDACTED]</c> and masked in logged output and error messages.</summary>
    public bool IsSecret { get; }

    /// <summary>The override as a shell would write it: <c>NAME=value</c>, <c>NAME=[REDACTED]</c>, or <c>-u NAME</c> for removal.</summary>
    public override string ToString() => Value switch
    {
        null => $"-u {Name}",
        _ when IsSecret => $"{Name}={SecretRedactor.Placeholder}",
        _ => $"{Name}={CommandLineText.Quote(Value)}",
    };
}
