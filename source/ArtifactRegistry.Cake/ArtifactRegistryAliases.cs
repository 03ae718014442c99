using ArtifactRegistry.Cake.Hosting;
using ArtifactRegistry.Context;
using Cake.Core;
using Cake.Core.Annotations;

namespace ArtifactRegistry.Cake;

/// <summary>
/// Cake script aliases for Google Artifact Registry and GKE: <c>Deploy(s =&gt; s.AddImage("asia-docker.pkg.dev/p/repo/api", "src/api", "deployment/api"))</c>.
/// Each alias runs one operation of the ArtifactRegistry library with settings its lambda makes from the defaults, as the
/// NUKE task API does. The aliases of one script run share one operation context (Cake's log; see
/// <see cref="ConfigureArtifactRegistry"/>), the docker auth session the first step opens, and the images pushed so far.
/// Failures end the task with the operation's message: what happened, why, and the setting or command that fixes it.
/// </summary>
[CakeAliasCategory("Artifact Registry")]
[CakeNamespaceImport("ArtifactRegistry.Context")]
[CakeNamespaceImport("ArtifactRegistry.References")]
[CakeNamespaceImport("ArtifactRegistry.Docker")]
[CakeNamespaceImport("ArtifactRegistry.DockerAuth")]
[CakeNamespaceImport("ArtifactRegistry.Publishing")]
[CakeNamespaceImport("ArtifactRegistry.Deploying")]
[CakeNamespaceImport("ArtifactRegistry.Grants")]
[CakeNamespaceImport("ArtifactRegistry.Pruning")]
[CakeNamespaceImport("ArtifactRegistry.Tagging")]
[CakeNamespaceImport("ArtifactRegistry.Deletion")]
public static partial class ArtifactRegistryAliases
{
    /// <summary>
    /// Changes the operation context of this script run, before the first alias needs it: other endpoints, an environment
    /// file, a token source, a kube context…: <c>ConfigureArtifactRegistry(c =&gt; c.SetEnvironmentFile(".env").SetKubeContext("prod"))</c>.
    /// The lambda gets the current context (Cake's log, this process's environment) and returns the one to use.
    /// </summary>
    /// <returns>The context the following aliases use.</returns>
    [CakeMethodAlias]
    public static OperationContext ConfigureArtifactRegistry(this ICakeContext context, Func<OperationContext, OperationContext> configure) =>
        ScriptSession.Of(context).Configure(configure);
}
