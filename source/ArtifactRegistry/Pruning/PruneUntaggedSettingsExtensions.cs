using System.Diagnostics.Contracts;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Pruning;

/// <summary>NUKE-style fluent changes of <see cref="PruneUntaggedSettings"/>; each returns a changed copy.</summary>
public static class PruneUntaggedSettingsExtensions
{
    /// <summary>Sets <see cref="PruneUntaggedSettings.Images"/>.</summary>
    [Pure]
    public static PruneUntaggedSettings SetImages(this PruneUntaggedSettings settings, params string[] images) => settings with { Images = [.. images] };

    /// <summary>Adds to <see cref="PruneUntaggedSettings.Images"/>.</summary>
    [Pure]
    public static PruneUntaggedSettings AddImages(this PruneUntaggedSettings settings, params string[] images) => settings with { Images = settings.Images.AddRange(images) };

    /// <summary>Sets <see cref="PruneUntaggedSettings.Repositories"/>.</summary>
    [Pure]
    public static PruneUntaggedSettings SetRepositories(this PruneUntaggedSettings settings, params string[] repositories) => settings with { Repositories = [.. repositories] };

    /// <summary>Adds to <see cref="PruneUntaggedSettings.Repositories"/>.</summary>
    [Pure]
    public static PruneUntaggedSettings AddRepositories(this PruneUntaggedSettings settings, params string[] repositories) =>
        settings with { Repositories = settings.Repositories.AddRange(repositories) };

    /// <summary>Sets <see cref="PruneUntaggedSettings.OlderThan"/> (default zero: no grace period).</summary>
    [Pure]
    public static PruneUntaggedSettings SetOlderThan(this PruneUntaggedSettings settings, TimeSpan gracePeriod) => settings with { OlderThan = gracePeriod };

    /// <summary>Sets <see cref="PruneUntaggedSettings.KeepMostRecent"/> (default 0).</summary>
    [Pure]
    public static PruneUntaggedSettings SetKeepMostRecent(this PruneUntaggedSettings settings, int count) => settings with { KeepMostRecent = count };

    /// <summary>Opt-in: tagged versions whose tags match <paramref name="pattern"/> (any, or every one) are deleted too, tags first.</summary>
    [Pure]
    public static PruneUntaggedSettings SetDeleteTaggedMatching(this PruneUntaggedSettings settings, string? pattern, TagFilterMatch match = TagFilterMatch.Any) =>
        settings with { DeleteTaggedMatching = pattern, DeleteTaggedMatch = match };

    /// <summary>Sets <see cref="PruneUntaggedSettings.KeepTags"/>.</summary>
    [Pure]
    public static PruneUntaggedSettings SetKeepTags(this PruneUntaggedSettings settings, params string[] patterns) => settings with { KeepTags = [.. patterns] };

    /// <summary>Adds to <see cref="PruneUntaggedSettings.KeepTags"/>.</summary>
    [Pure]
    public static PruneUntaggedSettings AddKeepTags(this PruneUntaggedSettings settings, params string[] patterns) => settings with { KeepTags = settings.KeepTags.AddRange(patterns) };

    /// <summary>Sets <see cref="PruneUntaggedSettings.DryRun"/> (default false).</summary>
    [Pure]
    public static PruneUntaggedSettings SetDryRun(this PruneUntaggedSettings settings, bool dryRun) => settings with { DryRun = dryRun };

    /// <summary>Turns <see cref="PruneUntaggedSettings.DryRun"/> on: the plan is printed, nothing changed.</summary>
    [Pure]
    public static PruneUntaggedSettings EnableDryRun(this PruneUntaggedSettings settings) => settings with { DryRun = true };

    /// <summary>Sets <see cref="PruneUntaggedSettings.WriteCleanupPolicy"/> (default false).</summary>
    [Pure]
    public static PruneUntaggedSettings SetWriteCleanupPolicy(this PruneUntaggedSettings settings, bool write) => settings with { WriteCleanupPolicy = write };

    /// <summary>Sets <see cref="PruneUntaggedSettings.InUseDigests"/> (default null: none known, unless <see cref="PruneUntaggedSettings.KubeContexts"/> are read).</summary>
    [Pure]
    public static PruneUntaggedSettings SetInUseDigests(this PruneUntaggedSettings settings, IInUseDigests? source) => settings with { InUseDigests = source };

    /// <summary>Digests that must stay, e.g. what a deploy step of this build rolled out.</summary>
    [Pure]
    public static PruneUntaggedSettings SetInUseDigests(this PruneUntaggedSettings settings, params ImageDigest[] digests) =>
        settings with { InUseDigests = new FixedInUseDigests(digests) };

    /// <summary>Sets <see cref="PruneUntaggedSettings.KubeContexts"/>.</summary>
    [Pure]
    public static PruneUntaggedSettings SetKubeContexts(this PruneUntaggedSettings settings, params string[] contexts) => settings with { KubeContexts = [.. contexts] };

    /// <summary>Sets <see cref="PruneUntaggedSettings.AccessPreflight"/> (default true).</summary>
    [Pure]
    public static PruneUntaggedSettings SetAccessPreflight(this PruneUntaggedSettings settings, bool preflight) => settings with { AccessPreflight = preflight };

    /// <summary>Sets <see cref="PruneUntaggedSettings.DeletesPerSecond"/> (default 250); throws <see cref="ArgumentOutOfRangeException"/> unless positive.</summary>
    [Pure]
    public static PruneUntaggedSettings SetDeletesPerSecond(this PruneUntaggedSettings settings, double perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        return settings with { DeletesPerSecond = perSecond };
    }

    /// <summary>Sets <see cref="PruneUntaggedSettings.MaxConcurrency"/> (default 64); throws <see cref="ArgumentOutOfRangeException"/> unless positive.</summary>
    [Pure]
    public static PruneUntaggedSettings SetMaxConcurrency(this PruneUntaggedSettings settings, int requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        return settings with { MaxConcurrency = requests };
    }

    /// <summary>Sets <see cref="PruneUntaggedSettings.DeleteMode"/> (default <see cref="VersionDeleteMode.Batch"/>).</summary>
    [Pure]
    public static PruneUntaggedSettings SetDeleteMode(this PruneUntaggedSettings settings, VersionDeleteMode mode) => settings with { DeleteMode = mode };
}
