using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Nuke;
using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;
using Serilog;

/// <summary>
/// ./build.sh Deploy with nothing configured (no --image anywhere, no --use-sandbox): the library's own Deploy target deploys
/// samples/sample-api to a sandbox this build starts for itself (<see cref="LocalDeployment"/>), exactly as it deploys to Google
/// with --image: only the endpoints differ.
/// </summary>
partial class Build
{
    const string SampleImage = LocalDeployment.Repository + "/sample-api";
    const string SampleWorkload = "deployment/sample-api";
    const string SampleNamespace = "sample-namespace";

    [Parameter("Where ./build.sh Deploy without --image keeps its sandbox's state and its private Docker engine's images between runs - Default: .nuke/temp/local-deploy")]
    readonly AbsolutePath? LocalDeployDirectory;

    LocalDeployment? _localDeployment;

    AbsolutePath UsedLocalDeployDirectory => LocalDeployDirectory ?? TemporaryDirectory / "local-deploy";

    bool DeploysLocally => ((IArtifactRegistryImage)this).Image is null && !UseSandbox;

    Target StartLocalSandbox => _ => _
        .Unlisted()
        .DependentFor<IArtifactRegistryDeploy>(x => x.Deploy)
        .OnlyWhenStatic(() => DeploysLocally)
        .Executes(async () =>
        {
            Log.Information("No --image is configured: deploying {Sample} to a sandbox of this build's own (--image deploys to Google instead)", SampleImage);
            _localDeployment = await LocalDeployment.StartAsync(
                UsedLocalDeployDirectory, ClusterOptions(ArtifactRegistry.Sandbox.SandboxClusterSpeed.Realistic), ((IArtifactRegistryContext)this).ArtifactRegistryBuild.Context);
        });

    Target StopLocalSandbox => _ => _
        .Unlisted()
        .TriggeredBy<IArtifactRegistryDeploy>(x => x.Deploy)
        .AssuredAfterFailure()
        .OnlyWhenStatic(() => DeploysLocally)
        .Executes(async () =>
        {
            if (_localDeployment is null)
                return;
            await _localDeployment.DisposeAsync();
            Log.Information("The sandbox stopped; its state stays in {State} for the next ./build.sh Deploy " +
                            "(./build.sh Sandbox --sandbox-state {State} serves it to kubectl and gcloud meanwhile)",
                UsedLocalDeployDirectory / "sandbox", UsedLocalDeployDirectory / "sandbox");
        });

    /// <summary>The sample, its workload and namespace, unless given on the command line.</summary>
    Configure<DeploySettings> IArtifactRegistryDeploy.DeploySettings => settings =>
    {
        if (!DeploysLocally)
            return settings;
        var setImage = (IArtifactRegistrySetImage)this;
        return settings
            .ClearImages()
            .AddImage(new DeployImage(SampleImage)
            {
                ContextDirectory = ((IArtifactRegistryBuildAndPush)this).DockerContext ?? RootDirectory / "samples" / "sample-api",
                Workloads = [.. setImage.Workloads ?? [SampleWorkload]],
                Container = setImage.Container,
            })
            .SetRollout(rollout => rollout.SetNamespace(setImage.KubeNamespace ?? SampleNamespace));
    };

    OperationContext WithLocalDeployment(OperationContext context) => _localDeployment?.Apply(context) ?? context;
}
