using ArtifactRegistry.Nuke;
using Nuke.Common;

/// <summary>The smallest build a user would write to get the EnsureDockerAuth target.</summary>
class Build : NukeBuild, IArtifactRegistryDockerAuth
{
    public static int Main() => Execute<Build>();
}
