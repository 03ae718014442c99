namespace ArtifactRegistry.Processes;

/// <summary>A change to the environment a program inherits: a new value, or (when <see cref="Value"/> is null) removal.</summary>
public sealed class EnvironmentVariableOverride
{
    public EnvironmentVariableOverride(string name, string? value, bool isSecret = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('='))
            throw new ArgumentException($"Environment variable name '{name}' must not contain '='.", nameof(name));
        Name = name;
        Value = value;
        IsSecret = isSecret;
    }

    public string Name { get; }

    public string? Value { get; }

    public bool IsRemoval => Value is null;

    public bool IsSecret { get; }

    /// <summary>The override as a shell would write it: <c>NAME=value</c>, <c>NAME=[REDACTED]</c>, or <c>-u NAME</c> for removal.</summary>
    public override string ToString() => Value switch
    {
        null => $"-u {Name}",
        _ when IsSecret => $"{Name}={SecretRedactor.Placeholder}",
        _ => $"{Name}={CommandLineText.Quote(Value)}",
    };
}
