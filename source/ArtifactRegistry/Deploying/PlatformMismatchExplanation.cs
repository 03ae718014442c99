using ArtifactRegistry.Hints;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// The fix for an image without a build for its node's platform: which platforms the image has, which the nodes have, and the
/// two ways out (build for the nodes' platforms too, or keep the pods on nodes the image runs on); a way that cannot work here
/// (a node selector when no node has an image platform) is not offered.
/// </summary>
internal static partial class PlatformMismatchExplanation
{
    public const string ArchLabel = "kubernetes.io/arch";

    public static string Fix(FailureFacts facts, ImageReference image)
    {
        var platforms = facts.Platforms ?? new PlatformFacts();
        var node = facts.Diagnosis.NodeName;
        var nodePlatform = node is null ? null : platforms.Nodes?.FirstOrDefault(n => n.Node == node)?.Platform;
        var text = new List<string>();

        var has = platforms.ImagePlatforms is { Count: > 0 } imagePlatforms
            ? $"{image} is built for {string.Join(", ", imagePlatforms)} only"
            : platforms.ImagePlatforms is not null
                ? $"Artifact Registry lists no platforms for {image}"
                : $"{image}'s platforms could not be read from Artifact Registry ({platforms.ImagePlatformsProblem ?? "unknown reason"}); " +
                  $"`gcloud artifacts docker images describe {image.Name}@{image.Digest}` lists them";
        var where = node is null ? "" : $"node {node}{(nodePlatform is null ? "" : $" is {nodePlatform}")}";
        text.Add($"The image has no build for the platform of the node the pod was scheduled to: {has}{(where.Length == 0 ? "" : ", and " + where)}.");

        if (platforms.Nodes is { Count: > 0 } nodes)
        {
            var byPlatform = nodes.GroupBy(n => n.Platform).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} ({g.Count()} node{(g.Count() == 1 ? "" : "s")})");
            text.Add($"The cluster's nodes are {string.Join(", ", byPlatform)}.");
        }
        else
        {
            text.Add($"The cluster's nodes could not be listed ({platforms.NodesProblem ?? "the cluster reported none"}), so their platforms are unknown here; " +
                     $"`kubectl get nodes -L {ArchLabel}` shows them.");
        }

        var nodePlatforms = platforms.Nodes?.Select(n => n.Platform).Distinct(StringComparer.Ordinal).ToList() ?? [];
        var wanted = (platforms.ImagePlatforms ?? []).Concat(nodePlatforms).Append(nodePlatform ?? "")
            .Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var build = SettingNames.Platforms.With(wanted.Count > 0 ? string.Join(",", wanted) : "linux/amd64,linux/arm64");
        var fix = $"Build the image for the nodes' platforms as well ({build} in BuildAndPush pushes one index over them) and deploy its digest";
        var runnable = (platforms.ImagePlatforms ?? []).Where(p => platforms.Nodes is null || nodePlatforms.Contains(Base(p))).Select(Architecture).Distinct(StringComparer.Ordinal).ToList();
        if (platforms.Nodes is not null && platforms.ImagePlatforms is not null && runnable.Count == 0)
            fix += "; no node of the cluster can run the image as it is, so a node selector cannot help.";
        else if (runnable.Count > 0)
            fix += $", or keep the pods on nodes the image runs on with a nodeSelector in the pod template (`{ArchLabel}: {runnable[0]}`).";
        else
            fix += $", or keep the pods on nodes the image runs on with a nodeSelector on `{ArchLabel}` in the pod template.";
        text.Add(fix);
        return string.Join(" ", text);
    }

    /// <summary>A crash whose log says the kernel could not execute the program: a single image built for another architecture.</summary>
    public static bool IsExecFormatError(FailureFacts facts) =>
        facts.LogLines.Any(line => line.Contains("exec format error", StringComparison.Ordinal));

    /// <summary>
    /// containerd pulls a single-platform image whatever its architecture, so the mismatch shows only when the program runs:
    /// names the node's platform and the cluster's, and the same two fixes.
    /// </summary>
    public static string ExecFormatFix(FailureFacts facts)
    {
        var platforms = facts.Platforms ?? new PlatformFacts();
        var node = facts.Diagnosis.NodeName;
        var nodePlatform = node is null ? null : platforms.Nodes?.FirstOrDefault(n => n.Node == node)?.Platform;
        var nodePlatforms = platforms.Nodes?.Select(n => n.Platform).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var cluster = nodePlatforms is { Count: > 0 }
            ? $"the cluster's nodes are {string.Join(", ", nodePlatforms)}"
            : $"the cluster's nodes could not be listed ({platforms.NodesProblem ?? "the cluster reported none"}); `kubectl get nodes -L {ArchLabel}` shows their platforms";
        var build = SettingNames.Platforms.With(nodePlatforms is { Count: > 0 } ? string.Join(",", nodePlatforms) : nodePlatform ?? "linux/amd64,linux/arm64");
        return $"`exec format error` means the image's program was built for another architecture than node {node ?? "(unknown)"}" +
               $"{(nodePlatform is null ? "" : $" ({nodePlatform})")} can execute (a single-platform image is pulled whatever its architecture); {cluster}. " +
               $"Build the image for the nodes' platforms ({build} in BuildAndPush pushes one index over them) and deploy its digest, " +
               $"or keep the pods on nodes of the image's architecture with a nodeSelector on `{ArchLabel}` in the pod template.";
    }

    /// <summary>The platform settings a failure message names, so a host can show them under its own name.</summary>
    public static IEnumerable<SettingName> NamedPlatforms(string message) =>
        NamedPlatformsSetting().Matches(message).Select(match => SettingNames.Platforms.With(match.Groups[1].Value)).Distinct();

    [System.Text.RegularExpressions.GeneratedRegex("""SetPlatforms\("([^"]*)"\)""")]
    private static partial System.Text.RegularExpressions.Regex NamedPlatformsSetting();

    /// <summary><c>linux/arm64/v8</c> is run by a <c>linux/arm64</c> node: nodes report no variant.</summary>
    private static string Base(string platform) => string.Join('/', platform.Split('/').Take(2));

    private static string Architecture(string platform) => platform.Split('/') is [_, var architecture, ..] ? architecture : platform;
}
