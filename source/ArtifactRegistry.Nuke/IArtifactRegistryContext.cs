using ArtifactRegistry.Context;
using ArtifactRegistry.Hints;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// What every Artifact Registry component of a build shares: the build's <see cref="Nuke.ArtifactRegistryBuild"/> (its context,
/// docker auth session and pushed images), the hook that adjusts the context, and <c>--dry-run</c>. The other components extend it.
/// </summary>
public interface IArtifactRegistryContext : INukeBuild
{
    /// <summary>
    /// Override to change the context the targets hand their operations, e.g. <c>context =&gt; context.SetEnvironmentFile(RootDirectory / "registry.env")</c>;
    /// applied to <see cref="Nuke.ArtifactRegistryBuild.Context"/> each time a target runs.
    /// </summary>
    Configure<OperationContext> ArtifactRegistryContext => context => context;

    /// <summary>This build's Artifact Registry state and tasks, for targets of the build's own: <c>ArtifactRegistryBuild.TagListAsync(…)</c>.</summary>
    ArtifactRegistryBuild ArtifactRegistryBuild => ArtifactRegistryBuild.Of(this);

    /// <summary>When true, the targets change nothing: PruneUntagged and Tag print what they would do; the others refuse to start.</summary>
    [Parameter("Change nothing: PruneUntagged prints its plan and Tag the tags it would change; the targets that cannot run without changing anything refuse to start")]
    bool? DryRun => TryGetValue<bool?>(() => DryRun);

    /// <summary>The context a target of this build uses: the build's, through <see cref="ArtifactRegistryContext"/>.</summary>
    internal OperationContext TargetContext => ArtifactRegistryContext.InvokeSafe(ArtifactRegistryBuild.Context);

    /// <summary>Runs a target's work, its failures naming NUKE's parameters instead of settings.</summary>
    internal static async Task Run(Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            SettingHints.ShowFor(exception, NukeSettingNames.Instance);
            throw;
        }
    }

    /// <summary>A target that cannot run without changing anything ends here under <c>--dry-run</c>, before it changes anything.</summary>
    internal void RefuseDryRun(string target, string changes)
    {
        if (DryRun == true)
            throw new SettingsException(
                $"{target} {changes}, and has no dry run, so with --dry-run it does not start. " +
                $"Drop --dry-run to run it; --dry-run previews PruneUntagged and Tag.");
    }
}
