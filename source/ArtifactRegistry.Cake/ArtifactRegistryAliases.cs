using ArtifactRegistry.Cake.Hosting;
using ArtifactRegistry.Context;
using Cake.Core;
using Cake.Core.Annotations;

namespace ArtifactRegistry.Cake;

/// <summary>
/// Cake script aliases for Google Artifact Registry and GKE: <c>Deploy(s =&gt; s.AddImage("asia-docker.pkg.dev/p/repo/api", "src/api", "deployment/api"))</c>.
/// Each alias runs one operation of the ArtifactRegistry library with settings its lambda makes from the defaults, as the
/// NUKE task API does; the defaults take the script's arguments (<c>--image</c>, <c>--workloads</c>, <c>--kube-namespace</c>…,
/// named as the NUKE parameters), so <c>Deploy()</c> alone deploys what the command line says. The aliases of one script run share one operation context (Cake's log; see
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

    /// <summary>The settings an alias runs with: its lambda applied to the defaults the script's arguments made.</summary>
    private static TSettings Configured<TSettings>(TSettings defaults, Func<TSettings, TSettings>? configure) where TSettings : class =>
        configure is null
            ? defaults
            : configure(defaults) ?? throw new ArgumentException("The settings lambda returned null; return the settings it was given, changed.", nameof(configure));
}
