using System.Diagnostics.Contracts;
using ArtifactRegistry.Publishing;

namespace ArtifactRegistry.Deploying;

/// <summary>NUKE-style fluent changes of <see cref="DeploySettings"/>; each returns a changed copy.</summary>
public static class DeploySettingsExtensions
{
    /// <summary>Adds an image: <c>.AddImage("asia-docker.pkg.dev/p/repo/api", "src/api", "deployment/api")</c>.</summary>
    [Pure]
    public static DeploySettings AddImage(this DeploySettings settings, string image, string? contextDirectory, params string[] workloads)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        return settings.AddImage(new DeployImage(image) { ContextDirectory = contextDirectory, Workloads = [.. workloads] });
    }

    /// <summary>Adds an image to <see cref="DeploySettings.Images"/>.</summary>
    [Pure]
    public static DeploySettings AddImage(this DeploySettings settings, DeployImage image) => settings with { Images = settings.Images.Add(image) };

    /// <summary>Empties <see cref="DeploySettings.Images"/>.</summary>
    [Pure]
    public static DeploySettings ClearImages(this DeploySettings settings) => settings with { Images = [] };

    /// <summary>Changes what every image's build starts from: <c>.SetBuild(b =&gt; b.SetTags("1.4.0").SetPlatform("linux/amd64"))</c>.</summary>
    [Pure]
    public static DeploySettings SetBuild(this DeploySettings settings, Func<BuildAndPushSettings, BuildAndPushSettings> configure) =>
        settings with { Build = configure(settings.Build) };

    /// <summary>Changes what every image's rollout starts from: <c>.SetRollout(r =&gt; r.SetNamespace("prod").EnableRollbackOnFailure())</c>.</summary>
    [Pure]
    public static DeploySettings SetRollout(this DeploySettings settings, Func<SetImageSettings, SetImageSettings> configure) =>
        settings with { Rollout = configure(settings.Rollout) };

    /// <summary>Sets <see cref="DeploySettings.Kustomization"/>: the kustomization the pushed images are pinned in (null: none).</summary>
    [Pure]
    public static DeploySettings SetKustomization(this DeploySettings settings, string? path) => settings with { Kustomization = path };

    /// <summary>Sets <see cref="DeploySettings.DryRun"/>: check everything, build and change nothing, show the plan.</summary>
    [Pure]
    public static DeploySettings SetDryRun(this DeploySettings settings, bool dryRun = true) => settings with { DryRun = dryRun };

    /// <summary>The member that must be able to pull (granted <c>roles/artifactregistry.reader</c> before the rollout); null for none.</summary>
    [Pure]
    public static DeploySettings SetReaderMember(this DeploySettings settings, string? member) => settings with { ReaderMember = member };
}
