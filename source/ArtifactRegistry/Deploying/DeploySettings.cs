using System.Collections.Immutable;
using ArtifactRegistry.Publishing;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// One Deploy: the images to build, push and roll out, what every image's build and rollout start from, and who must be
/// able to pull them. The cluster is the <see cref="Context.OperationContext"/>'s kube context.
/// Immutable; changed with the fluent methods of <see cref="DeploySettingsExtensions"/>.
/// </summary>
public sealed record DeploySettings
{
    /// <summary>The images, built and pushed in this order and then rolled out together.</summary>
    public ImmutableList<DeployImage> Images { get; init; } = [];

    /// <summary>What every image's BuildAndPush starts from (tags, build arguments, platform, docker auth…); the image sets its reference, context and Dockerfile.</summary>
    public BuildAndPushSettings Build { get; init; } = new();

    /// <summary>What every image's SetImage starts from (namespace, timeout, rollback, commit…); the image sets its workloads and container.</summary>
    public SetImageSettings Rollout { get; init; } = new();

    /// <summary>
    /// A kustomization (its <c>kustomization.yaml</c> or its directory) each pushed image is pinned in, as <c>kustomize edit set image</c>
    /// writes it (<c>newName</c>, <c>digest</c>, <c>newTag</c> removed), for a GitOps tool to deploy; an image without workloads is then
    /// only pushed and pinned. Null pins nothing.
    /// </summary>
    public string? Kustomization { get; init; }

    /// <summary>
    /// Check everything and change nothing: the references, Dockerfiles, tags and git state, the credentials and the access
    /// preflight, every workload and container; nothing is built, pushed, granted or patched, and each workload's patch goes to the
    /// API server with <c>dryRun=All</c> (admission and RBAC answer now) with the image <c>IMAGE:TAG</c> the build would push.
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// A member that must be able to pull every image (the GKE node pool's service account, e.g. <c>serviceAccount:nodes@cluster-project.iam.gserviceaccount.com</c>):
    /// granted <c>roles/artifactregistry.reader</c> on each repository before the rollout (GrantReader); null grants nothing.
    /// </summary>
    public string? ReaderMember { get; init; }
}
