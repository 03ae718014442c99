using ArtifactRegistry.Nuke;
using Nuke.Common;
using Serilog;

/// <summary>
/// A user's build: BuildAndPush from the component, a later target that deploys what it pushed, by digest, and SetImage from its
/// component.
/// </summary>
class Build : NukeBuild, IArtifactRegistryBuildAndPush, IArtifactRegistrySetImage
{
    public static int Main() => Execute<Build>();

    Target Deploy => _ => _
        .DependsOn<IArtifactRegistryBuildAndPush>(x => x.BuildAndPush)
        .Executes(() => Log.Information("Deploying {Image}", ((IArtifactRegistryBuildAndPush)this).PushedImage.Image));
}
