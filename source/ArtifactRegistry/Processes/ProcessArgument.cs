namespace ArtifactRegistry.Processes;

/// <summary>One argument passed to a program as-is (no quoting, no shell); a secret one is shown as <c>[REDACTED]</c>.</summary>
public sealed class ProcessArgument
{
    /// <summary>Creates an argument; <paramref name="isSecret"/> redacts it from logs and messages.</summary>
    public ProcessArgument(string value, bool isSecret = false)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
        IsSecret = isSecret;
    }

    /// <summary>The argument as passed to the program.</summary>
    public string Value { get; }

    /// <summary>Whether it is shown as <c>[REDACTED]</c> and masked in logged output and error messages.</summary>
    public bool IsSecret { get; }

    /// <summary>The argument as shown in logs and messages: quoted for a POSIX shell, or <c>[REDACTED]</c>.</summary>
    public override string ToString() => IsSecret ? SecretRedactor.Placeholder : CommandLineText.Quote(Value);
}
