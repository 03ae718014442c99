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

    /// <summary>When true, the targets change nothing: Deploy, SetImage, PruneUntagged and Tag check everything and print what they would do; the others refuse to start.</summary>
    [Parameter("Change nothing: Deploy and SetImage check everything and print each workload's current and new image (the patch sent with dryRun=All), PruneUntagged prints its plan and Tag the tags it would change; the targets that cannot run without changing anything refuse to start")]
    bool? DryRun => TryGetValue<bool?>(() => DryRun);

    /// <summary>Where the run's result is written as JSON (schema version 1), after every target and when one fails; default: nowhere.</summary>
    [Parameter("Write the run's result as JSON to this file (schema version 1: images, digests, tags, workloads, prune counts, the failure), also when a target fails")]
    string? ResultFile => TryGetValue(() => ResultFile);

    /// <summary>Where the first pushed image is written as a dotenv file (IMAGE, IMAGE_DIGEST, IMAGE_TAGS, IMAGE_WITH_DIGEST) for GitLab's <c>artifacts:reports:dotenv</c>; default: nowhere.</summary>
    [Parameter("Write the pushed image as a dotenv file for GitLab's artifacts:reports:dotenv: IMAGE, IMAGE_DIGEST, IMAGE_TAGS, IMAGE_WITH_DIGEST")]
    string? ResultDotenv => TryGetValue(() => ResultDotenv);

    /// <summary>The context a target of this build uses: the build's, through <see cref="ArtifactRegistryContext"/>, with --result-file and --result-dotenv.</summary>
    internal OperationContext TargetContext
    {
        get
        {
            var context = ArtifactRegistryContext.InvokeSafe(ArtifactRegistryBuild.Context);
            if (ResultFile is not null)
                context = context.SetResultFile(ResultFile);
            if (ResultDotenv is not null)
                context = context.SetResultDotenv(ResultDotenv);
            return context;
        }
    }

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
                $"Drop --dry-run to run it; --dry-run previews Deploy, SetImage, PruneUntagged and Tag.");
    }
}
