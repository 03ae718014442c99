namespace ArtifactRegistry.Processes;

/// <summary>Masks the secret values of one command wherever they occur in text that leaves the process runner.</summary>
internal sealed class SecretRedactor
{
    public const string Placeholder = "[REDACTED]";

    // Output is read line by line, so a multi-line secret (a key file on stdin) is also masked line by line;
    // lines shorter than this are too common ("{", "}") to be worth masking.
    private const int MinimumSecretLineLength = 8;

    private readonly string[] _secrets;

    private SecretRedactor(IEnumerable<string> secrets) =>
        _secrets = secrets
            .SelectMany(secret => new[] { secret }.Concat(SignificantLines(secret)))
            .Where(secret => secret.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(secret => secret.Length)
            .ToArray();

    public static SecretRedactor For(ProcessCommand command) =>
        new(command.Arguments.Where(argument => argument.IsSecret).Select(argument => argument.Value)
            .Concat(command.Environment.Where(variable => variable.IsSecret).Select(variable => variable.Value!))
            .Concat(command.StandardInput.SecretText is { } text ? [text] : []));

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
            text = text.Replace(secret, Placeholder, StringComparison.Ordinal);
        return text;
    }

    private static IEnumerable<string> SignificantLines(string secret) =>
        secret.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Length >= MinimumSecretLineLength && line != secret);
}
