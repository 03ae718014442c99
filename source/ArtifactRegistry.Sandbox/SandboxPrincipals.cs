namespace ArtifactRegistry.Sandbox;

/// <summary>The principals <see cref="SandboxSeed.Default"/> creates, each playing one part of the seed article's story.</summary>
public static class SandboxPrincipals
{
    /// <summary>Holds <c>roles/artifactregistry.writer</c> on <c>sample</c>: pushes work.</summary>
    public const string Deployer = "deployer@sample-project.iam.gserviceaccount.com";

    /// <summary>Holds <c>roles/artifactregistry.admin</c> and <c>roles/resourcemanager.projectIamAdmin</c> on <c>sample-project</c>.</summary>
    public const string Admin = "admin@sample-project.iam.gserviceaccount.com";

    /// <summary>Holds no role: pushing reproduces the seed's <c>uploadArtifacts</c> permission error.</summary>
    public const string Viewer = "viewer@sample-project.iam.gserviceaccount.com";

    /// <summary>A GKE node pool's account in another project, with no role until a reader grant is made.</summary>
    public const string GkeNodes = "gke-nodes@cluster-project.iam.gserviceaccount.com";
}
