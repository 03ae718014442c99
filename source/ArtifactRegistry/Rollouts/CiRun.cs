namespace ArtifactRegistry.Rollouts;

/// <summary>The CI run a build is part of, as its environment variables tell (GitHub Actions, GitLab CI, Azure Pipelines, Cloud Build, Jenkins, CircleCI, Buildkite).</summary>
/// <param name="System">The CI's name: <c>GitHub Actions</c>.</param>
/// <param name="Id">The run's id, as the CI numbers it.</param>
/// <param name="Url">Where the run can be seen, when the variables say.</param>
/// <param name="Commit">The commit the run builds, when the variables say.</param>
public sealed record CiRun(string System, string Id, string? Url, string? Commit)
{
    /// <summary>The run described by <paramref name="variable"/>, or null outside a CI this knows.</summary>
    public static CiRun? FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        string? Get(string name) => variable(name) is { Length: > 0 } value ? value : null;

        if (Get("GITHUB_RUN_ID") is { } githubRun)
        {
            var url = Get("GITHUB_SERVER_URL") is { } server && Get("GITHUB_REPOSITORY") is { } repository
                ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{githubRun}" + (Get("GITHUB_RUN_ATTEMPT") is { } attempt and not "1" ? $"/attempts/{attempt}" : "")
                : null;
            return new CiRun("GitHub Actions", githubRun, url, Get("GITHUB_SHA"));
        }
        if (Get("CI_PIPELINE_ID") is { } gitlabPipeline)
            return new CiRun("GitLab CI", gitlabPipeline, Get("CI_JOB_URL") ?? Get("CI_PIPELINE_URL"), Get("CI_COMMIT_SHA"));
        if (Get("BUILD_BUILDID") is { } azureBuild)
        {
            var url = Get("SYSTEM_COLLECTIONURI") is { } collection && Get("SYSTEM_TEAMPROJECT") is { } project
                ? $"{collection.TrimEnd('/')}/{Uri.EscapeDataString(project)}/_build/results?buildId={azureBuild}"
                : null;
            return new CiRun("Azure Pipelines", azureBuild, url, Get("BUILD_SOURCEVERSION"));
        }
        if (Get("BUILDKITE_BUILD_ID") is { } buildkite)
            return new CiRun("Buildkite", Get("BUILDKITE_BUILD_NUMBER") ?? buildkite, Get("BUILDKITE_BUILD_URL"), Get("BUILDKITE_COMMIT"));
        if (Get("CIRCLE_WORKFLOW_ID") is { } circleWorkflow)
            return new CiRun("CircleCI", Get("CIRCLE_BUILD_NUM") ?? circleWorkflow, Get("CIRCLE_BUILD_URL"), Get("CIRCLE_SHA1"));
        if (Get("JENKINS_URL") is not null && Get("BUILD_NUMBER") is { } jenkinsBuild)
            return new CiRun("Jenkins", jenkinsBuild, Get("BUILD_URL"), Get("GIT_COMMIT"));
        // Cloud Build exposes no variables by itself; BUILD_ID and PROJECT_ID are what its docs suggest passing as substitutions.
        if (Get("BUILD_ID") is { } cloudBuild && Get("PROJECT_ID") is { } cloudProject)
            return new CiRun("Cloud Build", cloudBuild, $"https://console.cloud.google.com/cloud-build/builds/{cloudBuild}?project={cloudProject}",
                Get("COMMIT_SHA"));
        return null;
    }

    /// <summary><c>GitHub Actions run 123 (https://…)</c>.</summary>
    public override string ToString() => $"{System} run {Id}{(Url is null ? "" : $" ({Url})")}";
}
