namespace ArtifactRegistry.Rollouts;

/// <summary>
/// The <c>kubernetes.io/change-cause</c> annotation SetImage writes instead of kubectl's deprecated <c>--record</c> (which wrote
/// the whole command line, server and flags included): what was deployed, which digest, which commit, which CI run.
/// <c>kubectl rollout history</c> shows it per revision.
/// </summary>
public static class ChangeCause
{
    /// <summary>The annotation's key, <c>kubernetes.io/change-cause</c>.</summary>
    public const string Annotation = "kubernetes.io/change-cause";

    /// <summary>An annotation value is limited only by the object's 256 KiB; a cause longer than this would hide the point in a table.</summary>
    private const int MaxLength = 1024;

    /// <param name="commit">The commit built, when known (explicit, or the CI's).</param>
    public static string Describe(ImageChange change, string? commit, CiRun? run)
    {
        ArgumentNullException.ThrowIfNull(change);
        var parts = new List<string> { $"SetImage {change.Container.Name}={change.Target}" };
        var commitText = commit ?? run?.Commit;
        if (commitText is not null)
            parts.Add($"commit {Shorten(commitText)}");
        if (run is not null)
            parts.Add(run.ToString());
        var text = string.Join("; ", parts);
        return text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";
    }

    private static string Shorten(string commit) =>
        commit.Length == 40 && commit.All(char.IsAsciiHexDigit) ? commit[..12] : commit;
}
