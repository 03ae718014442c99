using System.Text.RegularExpressions;

namespace ArtifactRegistry.Docker;

/// <summary>Recognises step announcements in build output: <c>Step 2/4 : COPY …</c> (legacy) and <c>#5 [build 2/3] RUN …</c> (buildx plain progress).</summary>
internal static partial class DockerBuildProgress
{
    public static DockerBuildStep? TryParseStep(string line)
    {
        var legacy = LegacyStep().Match(line);
        if (legacy.Success)
            return new DockerBuildStep(int.Parse(legacy.Groups["n"].Value), int.Parse(legacy.Groups["of"].Value), legacy.Groups["instruction"].Value.Trim(), null);

        var buildx = BuildxStep().Match(line);
        if (buildx.Success)
        {
            var stage = buildx.Groups["stage"].Success ? buildx.Groups["stage"].Value : null;
            return new DockerBuildStep(int.Parse(buildx.Groups["n"].Value), int.Parse(buildx.Groups["of"].Value), buildx.Groups["instruction"].Value.Trim(), stage);
        }
        return null;
    }

    /// <summary>Whether the line says the step just announced came from the build cache.</summary>
    public static bool IsCacheHit(string line) => line == " ---> Using cache" || BuildxCached().IsMatch(line);

    [GeneratedRegex(@"^#\d+ CACHED$")]
    private static partial Regex BuildxCached();

    [GeneratedRegex(@"^Step (?<n>\d+)/(?<of>\d+) : (?<instruction>.*)$")]
    private static partial Regex LegacyStep();

    [GeneratedRegex(@"^#\d+ \[(?:(?<stage>[^\]\s]+) )?(?<n>\d+)/(?<of>\d+)\] (?<instruction>.*)$")]
    private static partial Regex BuildxStep();
}
