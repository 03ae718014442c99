using ArtifactRegistry.Context;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// Builds an image and pushes it to Artifact Registry under every tag, returning the one digest they all resolve to:
/// <c>await BuildAndPush.RunAsync(context, s =&gt; s.SetImage("asia-docker.pkg.dev/my-project/repo/app").SetContextDirectory("src/app"))</c>.
/// Replaces <c>docker build -t …</c>, <c>docker tag …</c> and <c>docker push …</c>.
/// </summary>
public static class BuildAndPush
{
    /// <summary>Runs with the settings <paramref name="configure"/> makes from the defaults.</summary>
    /// <inheritdoc cref="RunAsync(OperationContext, BuildAndPushSettings, CancellationToken)"/>
    public static Task<BuildAndPushResult> RunAsync(
        OperationContext context, Func<BuildAndPushSettings, BuildAndPushSettings> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return RunAsync(context, configure(new BuildAndPushSettings()), cancellationToken);
    }

    /// <summary>
    /// In order: the reference, the tags and the Dockerfile are validated, git and the docker engine asked, EnsureDockerAuth and
    /// the access preflight run, all before the build; then the build, one push per tag, and the registry's confirmation that
    /// every tag has the pushed digest.
    /// </summary>
    /// <exception cref="References.InvalidImageReferenceException">The image reference is not a valid Artifact Registry reference (e.g. no REPOSITORY segment).</exception>
    /// <exception cref="InvalidImageTagException">A requested tag is not a Docker tag.</exception>
    /// <exception cref="Docker.DockerfileNotFoundException">The Dockerfile or the build context does not exist.</exception>
    /// <exception cref="Git.GitUnavailableException">Default tags were asked for outside a readable git work tree.</exception>
    /// <exception cref="Processes.ProgramNotFoundException">The docker CLI is not installed.</exception>
    /// <exception cref="Docker.DockerEngineUnreachableException">No Docker engine answers.</exception>
    /// <exception cref="Access.ArtifactRegistryAccessDeniedException">The preflight found a permission missing.</exception>
    /// <exception cref="Access.RepositoryNotFoundException">The preflight found the repository missing or invisible.</exception>
    /// <exception cref="Docker.DockerBuildFailedException">docker build failed; the message has docker's last error lines.</exception>
    /// <exception cref="Docker.DockerRegistryAccessException">The registry refused the push; the message says why and how to fix it.</exception>
    /// <exception cref="Docker.DockerPushFailedException">The push failed otherwise, or kept failing transiently.</exception>
    /// <exception cref="DigestMismatchException">The tags do not all resolve to one digest.</exception>
    public static async Task<BuildAndPushResult> RunAsync(OperationContext context, BuildAndPushSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        return await new BuildAndPushOperation(context, settings, new ArtifactRegistryPublishing(context, settings)).RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
