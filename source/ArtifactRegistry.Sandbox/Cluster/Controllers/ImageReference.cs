namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// An image reference the way containerd normalizes it before pulling: a registry host (<c>docker.io</c> when none is
/// named), a repository path (<c>library/…</c> for official images), and a tag (<c>latest</c> when neither tag nor digest is given).
/// </summary>
internal sealed record ImageReference(string Host, string Path, string? Tag, string? Digest)
{
    /// <summary>What containerd prints: <c>HOST/PATH:TAG</c>, <c>HOST/PATH@sha256:…</c> or <c>HOST/PATH:TAG@sha256:…</c>.</summary>
    public string Normalized => $"{Host}/{Path}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";

    /// <summary>The tag or digest the manifest is fetched by (the digest wins when both are given).</summary>
    public string Reference => Digest ?? Tag ?? "latest";

    public string Repository => $"{Host}/{Path}";

    public static ImageReference? TryParse(string? image)
    {
        if (string.IsNullOrWhiteSpace(image) || image.Any(char.IsWhiteSpace) || image != image.Trim() || image.Any(char.IsAsciiLetterUpper) && !image.Contains('@'))
            return null;
        string? digest = null;
        var name = image;
        var at = image.IndexOf('@');
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            name = image[..at];
            if (!digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.Length != 71)
                return null;
        }

        string? tag = null;
        var lastSlash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = name[(colon + 1)..];
            name = name[..colon];
            if (tag.Length == 0)
                return null;
        }

        if (name.Length == 0 || name.EndsWith('/') || name.StartsWith('/') || name.Contains("//", StringComparison.Ordinal))
            return null;
        var firstSlash = name.IndexOf('/');
        var first = firstSlash < 0 ? null : name[..firstSlash];
        var (host, path) = first is not null && (first.Contains('.') || first.Contains(':') || first == "localhost")
            ? (first, name[(firstSlash + 1)..])
            : ("docker.io", firstSlash < 0 ? "library/" + name : name);
        if (digest is null && tag is null)
            tag = "latest";
        return new ImageReference(host, path, tag, digest);
    }
}
