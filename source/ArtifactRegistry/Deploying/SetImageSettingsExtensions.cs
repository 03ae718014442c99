using ArtifactRegistry.Hints;
using System.Diagnostics.Contracts;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Deploying;

/// <summary>NUKE-style fluent changes of <see cref="SetImageSettings"/>; each returns a changed copy.</summary>
public static class SetImageSettingsExtensions
{
    /// <summary>Sets <see cref="SetImageSettings.Image"/>.</summary>
    [Pure]
    public static SetImageSettings SetImage(this SetImageSettings settings, string? image) => settings with { Image = image };

    /// <summary>Sets <see cref="SetImageSettings.Image"/>.</summary>
    [Pure]
    public static SetImageSettings SetImage(this SetImageSettings settings, ImageReference image) => settings with { Image = image.ToString() };

    /// <summary>The image BuildAndPush pushed, pinned to its digest.</summary>
    [Pure]
    public static SetImageSettings SetImage(this SetImageSettings settings, Publishing.BuildAndPushResult pushed) => settings with { Image = pushed.Image.ToString() };

    /// <summary>Sets <see cref="SetImageSettings.DryRun"/>: check everything, send the patches with <c>dryRun=All</c>, change nothing.</summary>
    [Pure]
    public static SetImageSettings SetDryRun(this SetImageSettings settings, bool dryRun = true) => settings with { DryRun = dryRun };

    /// <summary>Sets <see cref="SetImageSettings.Workloads"/>.</summary>
    [Pure]
    public static SetImageSettings SetWorkloads(this SetImageSettings settings, params string[] workloads) => settings with { Workloads = [.. workloads] };

    /// <summary>Sets <see cref="SetImageSettings.Workloads"/>.</summary>
    [Pure]
    public static SetImageSettings SetWorkloads(this SetImageSettings settings, IEnumerable<string> workloads) => settings with { Workloads = [.. workloads] };

    /// <summary>Adds to <see cref="SetImageSettings.Workloads"/>.</summary>
    [Pure]
    public static SetImageSettings AddWorkloads(this SetImageSettings settings, params string[] workloads) => settings with { Workloads = settings.Workloads.AddRange(workloads) };

    /// <summary>Empties <see cref="SetImageSettings.Workloads"/>.</summary>
    [Pure]
    public static SetImageSettings ClearWorkloads(this SetImageSettings settings) => settings with { Workloads = [] };

    /// <summary>Sets <see cref="SetImageSettings.Namespace"/> (default null: the kube context's namespace, else <c>default</c>).</summary>
    [Pure]
    public static SetImageSettings SetNamespace(this SetImageSettings settings, string? ns) => settings with { Namespace = ns };

    /// <summary>Sets <see cref="SetImageSettings.Container"/> (default null: the one named like the workload, else the only one).</summary>
    [Pure]
    public static SetImageSettings SetContainer(this SetImageSettings settings, string? container) => settings with { Container = container };

    /// <summary>Sets <see cref="SetImageSettings.RolloutTimeout"/> (default 10 minutes); throws <see cref="ArgumentOutOfRangeException"/> unless positive.</summary>
    [Pure]
    public static SetImageSettings SetRolloutTimeout(this SetImageSettings settings, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return settings with { RolloutTimeout = timeout };
    }

    /// <summary>The timeout as a person writes it: <c>90s</c>, <c>10m</c>, <c>1h30m</c>.</summary>
    /// <exception cref="Durations.InvalidDurationException">Not a duration.</exception>
    [Pure]
    public static SetImageSettings SetRolloutTimeout(this SetImageSettings settings, string timeout) =>
        settings.SetRolloutTimeout(Durations.Duration.Parse(timeout, SettingNames.RolloutTimeout));

    /// <summary>Sets <see cref="SetImageSettings.RollbackOnFailure"/> (default false).</summary>
    [Pure]
    public static SetImageSettings SetRollbackOnFailure(this SetImageSettings settings, bool enabled) => settings with { RollbackOnFailure = enabled };

    /// <summary>Turns <see cref="SetImageSettings.RollbackOnFailure"/> on.</summary>
    [Pure]
    public static SetImageSettings EnableRollbackOnFailure(this SetImageSettings settings) => settings with { RollbackOnFailure = true };

    /// <summary>Turns <see cref="SetImageSettings.RollbackOnFailure"/> off (the default).</summary>
    [Pure]
    public static SetImageSettings DisableRollbackOnFailure(this SetImageSettings settings) => settings with { RollbackOnFailure = false };

    /// <summary>Sets <see cref="SetImageSettings.Commit"/> (default null: the CI's commit, if any).</summary>
    [Pure]
    public static SetImageSettings SetCommit(this SetImageSettings settings, string? commit) => settings with { Commit = commit };

    /// <summary>Sets <see cref="SetImageSettings.LogLines"/> (default 20; 0 shows none); throws <see cref="ArgumentOutOfRangeException"/> when negative.</summary>
    [Pure]
    public static SetImageSettings SetLogLines(this SetImageSettings settings, int lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        return settings with { LogLines = lines };
    }
}
