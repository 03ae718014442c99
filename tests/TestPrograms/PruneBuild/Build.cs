using ArtifactRegistry.Nuke;
using Nuke.Common;

/// <summary>A user's build with the prune and tag components: ./build.sh PruneUntagged …, ./build.sh Tag ….</summary>
class Build : NukeBuild, IArtifactRegistryPrune, IArtifactRegistryTags
{
    public static int Main() => Execute<Build>();
}
