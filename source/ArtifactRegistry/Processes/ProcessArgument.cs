namespace ArtifactRegistry.Processes;

/// <summary>One argument passed to a program as-is (no quoting, no shell); a secret one is shown as <c>[REDACTED]</c>.</summary>
public sealed class ProcessArgument
{
    public ProcessArgument(string value, bool isSecret = false)
    {
        Value = value ?? throw new ArgumentNullException(nameof(value));
        IsSecret = isSecret;
    }

    public string Value { get; }

    public bool IsSecret { get; }

    /// <summary>The argument as shown in logs and messages: quoted for a POSIX shell, or <c>[REDACTED]</c>.</summary>
    public override string ToString() => IsSecret ? SecretRedactor.Placeholder : CommandLineText.Quote(Value);
}
