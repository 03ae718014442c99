using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// Which entry of an image index a node pulls, as containerd's default platform matcher picks it: the node's own os and
/// architecture (variant included), else what the node also runs (arm64 runs arm v8 down to v5, arm/v7 runs v6 and v5, amd64
/// runs 386), the closest first. Architecture aliases (<c>aarch64</c>, <c>x86_64</c>) and default variants are normalized.
/// </summary>
internal static class PlatformMatcher
{
    /// <returns>The best child for <paramref name="node"/>, or null: containerd's <c>no match for platform in manifest</c>.</returns>
    public static Platform? Best(IEnumerable<Platform> children, SandboxClusterNode node)
    {
        var accepted = Accepted(node);
        return children
            .Select(child => (Child: child, Rank: string.Equals(child.Os, node.OperatingSystem, StringComparison.Ordinal) ? Rank(accepted, Normalize(child.Architecture, child.Variant)) : -1))
            .Where(c => c.Rank >= 0)
            .OrderBy(c => c.Rank)
            .Select(c => c.Child)
            .FirstOrDefault();
    }

    /// <summary>Whether <paramref name="node"/> can execute programs built for the platform (a config's os, architecture, variant).</summary>
    public static bool Runs(SandboxClusterNode node, string? os, string? architecture, string? variant) =>
        string.Equals(os ?? "linux", node.OperatingSystem, StringComparison.Ordinal) && Rank(Accepted(node), Normalize(architecture, variant)) >= 0;

    private static int Rank(List<(string Architecture, string? Variant)> accepted, (string Architecture, string? Variant) entry) =>
        accepted.FindIndex(a => a.Architecture == entry.Architecture && (a.Variant is null || a.Variant == entry.Variant));

    private static List<(string Architecture, string? Variant)> Accepted(SandboxClusterNode node)
    {
        var (architecture, variant) = Normalize(node.Architecture, node.Variant);
        return architecture switch
        {
            "amd64" => [("amd64", null), ("386", null)],
            "arm64" => [("arm64", variant), ("arm", "v8"), ("arm", "v7"), ("arm", "v6"), ("arm", "v5")],
            "arm" => [.. new[] { "v8", "v7", "v6", "v5" }.SkipWhile(v => v != variant).Select(v => ("arm", (string?)v))],
            _ => [(architecture, variant)],
        };
    }

    private static (string Architecture, string? Variant) Normalize(string? architecture, string? variant)
    {
        var arch = (architecture ?? "").ToLowerInvariant();
        var v = string.IsNullOrEmpty(variant) ? null : variant.ToLowerInvariant();
        return arch switch
        {
            "aarch64" or "arm64" => ("arm64", v is null or "8" or "v8" ? "v8" : v),
            "armhf" => ("arm", "v7"),
            "armel" => ("arm", "v6"),
            "arm" => ("arm", v switch { null or "7" => "v7", "5" or "6" or "8" => "v" + v, _ => v }),
            "x86_64" or "x86-64" => ("amd64", v),
            "i386" => ("386", v),
            _ => (arch, v),
        };
    }
}
