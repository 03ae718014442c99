namespace Nuke.Common.Logging;

/// <summary>Remembers secret values and replaces them with <c>[REDACTED]</c> in any text.</summary>
internal sealed class SecretMasker
{
    public const string Redacted = "[REDACTED]";

    // Lines of a multi-line secret shorter than this ("{", "}") are too common to mask: every brace in the log would go.
    private const int MinimumSecretLineLength = 8;

    private readonly object _lock = new();
    private string[] _secrets = [];

    public void Add(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
            return;

        // Process output is logged line by line, so each line of a multi-line secret must be masked on its own too.
        var lines = secret.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(x => x.Length >= MinimumSecretLineLength);
        var parts = new[] { secret, secret.Trim() }.Concat(lines).Where(x => x.Length > 0);

        lock (_lock)
        {
            // Longest first, so a secret that contains another one is masked as a whole.
            _secrets = _secrets.Concat(parts).Distinct(StringComparer.Ordinal).OrderByDescending(x => x.Length).ToArray();
        }
    }

    public string Mask(string text)
    {
        var secrets = _secrets;
        foreach (var secret in secrets)
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        return text;
    }
}
