using ArtifactRegistry.Context;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// What every Artifact Registry component of a build shares: the <see cref="OperationContext"/> their targets hand to their
/// operations (environment, endpoints, host map, credentials, logger). The other components extend it.
/// </summary>
public interface IArtifactRegistryContext : INukeBuild
{
    /// <summary>
    /// Override to change the build's context, e.g. <c>context =&gt; context.SetEnvironmentFile(RootDirectory / "registry.env")</c>;
    /// applied once, when the first Artifact Registry target runs, to <see cref="ArtifactRegistryTasks.Context"/>.
    /// </summary>
    Configure<OperationContext> ArtifactRegistryContext => context => context;
}
