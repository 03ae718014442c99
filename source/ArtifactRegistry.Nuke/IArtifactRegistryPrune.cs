using ArtifactRegistry.Context;
using ArtifactRegistry.Durations;
using ArtifactRegistry.Hints;
using ArtifactRegistry.Pruning;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The PruneUntagged target as a NUKE component: <c>class Build : NukeBuild, IArtifactRegistryPrune</c>, then
/// <c>./build.sh PruneUntagged --image asia-docker.pkg.dev/P/R/IMAGE --prune-older-than 7d --dry-run</c> (or <c>--prune-repositories</c>).
/// Untagged versions only by default; a dry run prints the plan and changes nothing.
/// </summary>
public interface IArtifactRegistryPrune : IArtifactRegistryImage
{
    /// <summary>Images whose versions are pruned, <c>HOST/PROJECT-ID/REPOSITORY/IMAGE</c>; default, when no repository is given either: <see cref="IArtifactRegistryImage.Image"/>.</summary>
    [Parameter("Images whose versions are pruned, HOST/PROJECT-ID/REPOSITORY/IMAGE (comma-separated in the environment) - Default: --image, unless --prune-repositories is given", Separator = ",")]
    string[] PruneImages => TryGetValue(() => PruneImages) ?? [];

    /// <summary>Repositories all of whose images are pruned, <c>HOST/PROJECT-ID/REPOSITORY</c>.</summary>
    [Parameter("Repositories every image of which is pruned, HOST/PROJECT-ID/REPOSITORY (comma-separated in the environment)", Separator = ",")]
    string[] PruneRepositories => TryGetValue(() => PruneRepositories) ?? [];

    /// <summary>Grace period (e.g. <c>7d</c>, <c>36h</c>, <c>1d12h</c>): versions uploaded more recently stay; default: none.</summary>
    [Parameter("Grace period: versions uploaded more recently stay, e.g. 7d, 36h or 1d12h - Default: none")]
    string? PruneOlderThan => TryGetValue(() => PruneOlderThan);

    /// <summary>Per image, how many of the newest versions the policy selects stay anyway; default: 0.</summary>
    [Parameter("Per image, how many of the newest versions the policy would delete stay anyway - Default: 0")]
    int? PruneKeepMostRecent => TryGetValue<int?>(() => PruneKeepMostRecent);

    /// <summary>Regular expressions: a version with a tag matching any of them always stays.</summary>
    [Parameter("Regular expressions: a version with a matching tag always stays (comma-separated in the environment)", Separator = ",")]
    string[] PruneKeepTags => TryGetValue(() => PruneKeepTags) ?? [];

    /// <summary>Opt-in regular expression: tagged versions with a tag matching it are deleted too; default: none (untagged versions only).</summary>
    [Parameter("Opt-in: a regular expression selecting tagged versions to delete too (any of their tags matching)")]
    string? PruneDeleteTagged => TryGetValue(() => PruneDeleteTagged);

    /// <summary>Kube contexts whose pods, workloads and replica sets protect the digests they name; default: none.</summary>
    [Parameter("Kube contexts whose pods, workloads and replica sets keep their digests (comma-separated in the environment); the kubeconfig is " +
               "SetImage's --kubeconfig when the build has it, else KUBECONFIG, else ~/.kube/config - Default: none", Separator = ",")]
    string[] PruneKubeContexts => TryGetValue(() => PruneKubeContexts) ?? [];

    /// <summary>When true, writes the equivalent Artifact Registry cleanup policies instead of deleting (in the registry's dry-run mode with <see cref="IArtifactRegistryContext.DryRun"/>).</summary>
    [Parameter("Write the equivalent Artifact Registry cleanup policies instead of deleting (with --dry-run: in the registry's dry-run mode)")]
    bool? PruneWithCleanupPolicy => TryGetValue<bool?>(() => PruneWithCleanupPolicy);

    /// <summary>Delete requests per second per project and location; default: 250 (Artifact Registry's quota is 300).</summary>
    [Parameter("Delete requests per second per project and location - Default: 250 (the quota is 300)")]
    double? PruneDeletesPerSecond => TryGetValue<double?>(() => PruneDeletesPerSecond);

    /// <summary>Override to adjust the settings further (in-use digests, tag filter mode…).</summary>
    Configure<PruneUntaggedSettings> PruneUntaggedSettings => settings => settings;

    /// <summary>Deletes the untagged versions of <see cref="PruneImages"/> and <see cref="PruneRepositories"/> (and the tagged ones the policy opts into), never a digest a protected cluster uses; with <see cref="IArtifactRegistryContext.DryRun"/>, prints the plan only.</summary>
    Target PruneUntagged => _ => _
        .Description("Deletes untagged image versions (and what the policy allows) from Artifact Registry, within the delete quota; --dry-run prints the plan")
        .Executes(() => Run(async () =>
        {
            var context = TargetContext;
            if (this is IArtifactRegistrySetImage { Kubeconfig: { } kubeconfig })
                context = context.SetKubeconfig(kubeconfig);
            await ArtifactRegistryBuild.PruneUntaggedAsync(context, settings => PruneUntaggedSettings(Configure(settings)), CancellationToken.None);
        }));

    private PruneUntaggedSettings Configure(PruneUntaggedSettings settings)
    {
        var images = PruneImages.Length == 0 && PruneRepositories.Length == 0 && Image is { } image ? [image] : PruneImages;
        settings = settings
            .SetImages(images)
            .SetRepositories(PruneRepositories)
            .SetKeepTags(PruneKeepTags)
            .SetKeepMostRecent(PruneKeepMostRecent ?? 0)
            .SetKubeContexts(PruneKubeContexts)
            .SetDeleteTaggedMatching(PruneDeleteTagged)
            .SetDryRun(DryRun == true)
            .SetWriteCleanupPolicy(PruneWithCleanupPolicy == true);
        if (PruneOlderThan is not null)
            settings = settings.SetOlderThan(Duration.Parse(PruneOlderThan, SettingNames.PruneOlderThan));
        if (PruneDeletesPerSecond is { } rate)
            settings = settings.SetDeletesPerSecond(rate);
        return settings;
    }
}
