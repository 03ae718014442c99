using ArtifactRegistry.Nuke;
using Nuke.Common;

/// <summary>A user's build that opts in to every Artifact Registry target, and nothing else.</summary>
class Build : NukeBuild, IArtifactRegistryDeploy
{
    public static int Main() => Execute<Build>();
}
