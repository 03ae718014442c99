namespace Nuke.Common.Execution;

/// <summary>Recognizes CI servers by the variables they set.</summary>
internal static class ServerBuildDetector
{
    private static readonly string[] s_markers =
    [
        "GITHUB_ACTIONS", "GITLAB_CI", "TF_BUILD", "TEAMCITY_VERSION", "JENKINS_URL", "APPVEYOR",
        "BITBUCKET_BUILD_NUMBER", "TRAVIS", "BUILDKITE", "CIRCLECI", "SPACE_API_URL"
    ];

    public static bool IsServerBuild(IReadOnlyDictionary<string, string> variables)
    {
        if (s_markers.Any(x => variables.TryGetValue(x, out var value) && value.Length > 0))
            return true;

        return variables.TryGetValue("CI", out var ci) && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");
    }
}
