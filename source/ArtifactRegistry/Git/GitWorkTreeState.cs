namespace ArtifactRegistry.Git;

/// <summary>What a build learns from git about the source it builds: the commit at HEAD and whether the work tree differs from it.</summary>
/// <param name="CommitSha">The full commit id of HEAD.</param>
/// <param name="ShortSha">The abbreviated id, as <c>git rev-parse --short HEAD</c> prints it.</param>
/// <param name="CommitTime">When HEAD was committed (committer date); a timestamp that stays the same when the same source is rebuilt.</param>
/// <param name="IsDirty">Whether tracked files differ from HEAD or untracked, non-ignored files exist.</param>
/// <param name="TagsOnHead">The git tags pointing at HEAD.</param>
/// <param name="RemoteUrl">The <c>origin</c> remote without any credentials in it, or null when there is none.</param>
internal sealed record GitWorkTreeState(
    string CommitSha,
    string ShortSha,
    DateTimeOffset CommitTime,
    bool IsDirty,
    IReadOnlyList<string> TagsOnHead,
    string? RemoteUrl)
{
    /// <summary>The short id, with <c>-dirty</c> when the work tree has changes (skaffold's <c>gitCommit</c> tag).</summary>
    public string CommitTag => IsDirty ? ShortSha + "-dirty" : ShortSha;
}
