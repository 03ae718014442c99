using System.Globalization;
using System.Text.RegularExpressions;

namespace ArtifactRegistry.Docker;

/// <summary>The docker CLI's own version (<c>docker version --format {{.Client.Version}}</c>), which says whether it carries a BuildKit client.</summary>
internal static partial class DockerCliVersion
{
    /// <summary>
    /// BuildKit came into the CLI in 18.09 (<c>DOCKER_BUILDKIT=1 docker build</c>); from 23.0 on, <c>docker build</c> hands BuildKit
    /// builds to the buildx plugin and fails without it.
    /// </summary>
    public static bool HasBuiltInBuildKit(string version) =>
        Parse(version) is { } parsed && parsed >= new Version(18, 9) && parsed.Major < 23;

    /// <summary>Major and minor of <c>20.10.24+dfsg1</c>, <c>28.2.2</c>, <c>18.09.1-ce</c>; null for anything else.</summary>
    public static Version? Parse(string version)
    {
        var match = MajorMinor().Match(version.Trim());
        return match.Success
            ? new Version(int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"^v?(?<major>\d{1,4})\.(?<minor>\d{1,4})")]
    private static partial Regex MajorMinor();
}
