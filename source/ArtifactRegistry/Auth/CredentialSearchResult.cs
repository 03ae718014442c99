using System.Text;

namespace ArtifactRegistry.Auth;

/// <summary>The outcome of a credential search: a token source, or none, and every place tried in order.</summary>
internal sealed record CredentialSearchResult(IAccessTokenSource? TokenSource, IReadOnlyList<CredentialAttempt> Attempts)
{
    public bool Found => TokenSource is not null;

    /// <summary>One line per place tried, each with what was found there and the command that fixes it.</summary>
    public string DescribeAttempts()
    {
        var text = new StringBuilder("Tried, in order:");
        foreach (var attempt in Attempts)
        {
            text.Append("\n  - ").Append(attempt.Source).Append(": ").Append(attempt.Outcome.TrimEnd('.')).Append('.');
            if (attempt.Remedy is { } remedy)
                text.Append(" Fix: ").Append(remedy);
        }
        return text.ToString();
    }
}
