using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The NUKE components' names for the settings core messages mention: each one is the <c>[Parameter]</c> member that sets it
/// (shown as NUKE's <c>--kebab-case</c> flag), or null where no component parameter does (settings a build changes only in
/// code, e.g. DeleteImage's). A test checks that every <see cref="SettingNames"/> entry is here and names a parameter that exists.
/// </summary>
internal sealed class NukeSettingNames : IHostSettingNames
{
    public static NukeSettingNames Instance { get; } = new();

    /// <summary>The parameter member per setting; null: no NUKE parameter sets it.</summary>
    public static IReadOnlyDictionary<SettingName, string?> Parameters { get; } = new Dictionary<SettingName, string?>
    {
        [SettingNames.Kubeconfig] = nameof(IArtifactRegistrySetImage.Kubeconfig),
        [SettingNames.KubeContext] = nameof(IArtifactRegistrySetImage.KubeContext),
        [SettingNames.DockerContext] = nameof(IArtifactRegistryBuildAndPush.DockerContext),
        [SettingNames.Dockerfile] = nameof(IArtifactRegistryBuildAndPush.Dockerfile),
        [SettingNames.BuildImage] = nameof(IArtifactRegistryImage.Image),
        [SettingNames.ImageTags] = nameof(IArtifactRegistryBuildAndPush.ImageTags),
        [SettingNames.Platforms] = nameof(IArtifactRegistryBuildAndPush.DockerPlatforms),
        [SettingNames.DeployImages] = nameof(IArtifactRegistryImage.Image),
        [SettingNames.DeployImage] = nameof(IArtifactRegistryImage.Image),
        [SettingNames.Workloads] = nameof(IArtifactRegistrySetImage.Workloads),
        [SettingNames.KubeNamespace] = nameof(IArtifactRegistrySetImage.KubeNamespace),
        [SettingNames.Container] = nameof(IArtifactRegistrySetImage.Container),
        [SettingNames.RolloutTimeout] = nameof(IArtifactRegistrySetImage.RolloutTimeout),
        [SettingNames.GrantRepository] = nameof(IArtifactRegistryImage.Image),
        [SettingNames.ReaderMember] = nameof(IArtifactRegistryGrantReader.ReaderMember),
        [SettingNames.CheckRepository] = null,
        [SettingNames.PruneImages] = nameof(IArtifactRegistryImage.Image),
        [SettingNames.PruneRepositories] = nameof(IArtifactRegistryPrune.PruneRepositories),
        [SettingNames.PruneOlderThan] = nameof(IArtifactRegistryPrune.PruneOlderThan),
        [SettingNames.TagSource] = nameof(IArtifactRegistryImage.Image),
        [SettingNames.AddTags] = nameof(IArtifactRegistryTags.AddTags),
        [SettingNames.TagListImage] = nameof(IArtifactRegistryImage.Image),
        // The Tag target makes IMAGE:TAG from --image and --remove-tags: no one parameter holds it.
        [SettingNames.RemoveTag] = null,
        [SettingNames.DeleteImage] = null,
        [SettingNames.DeleteTags] = null,
        [SettingNames.ResultFile] = nameof(IArtifactRegistryContext.ResultFile),
        [SettingNames.ResultDotenv] = nameof(IArtifactRegistryContext.ResultDotenv),
        [SettingNames.Kustomization] = nameof(IArtifactRegistryDeploy.Kustomization),
        [SettingNames.NoCache] = nameof(IArtifactRegistryBuildAndPush.DockerNoCache),
        [SettingNames.CacheFrom] = nameof(IArtifactRegistryBuildAndPush.DockerCacheFrom),
        [SettingNames.CacheTo] = nameof(IArtifactRegistryBuildAndPush.DockerCacheTo),
        [SettingNames.BuildSecrets] = nameof(IArtifactRegistryBuildAndPush.DockerSecrets),
        [SettingNames.BuildNetwork] = nameof(IArtifactRegistryBuildAndPush.DockerNetwork),
        [SettingNames.DockerProgram] = nameof(IArtifactRegistryBuildAndPush.DockerProgram),
        // Settable in code only.
        [SettingNames.Builder] = null,
        [SettingNames.RegistryVerification] = null,
        [SettingNames.DockerAuthImages] = null,
        [SettingNames.CheckMember] = null,
    };

    public string Host => "NUKE";

    public string? NameOf(SettingName setting) =>
        Parameters.TryGetValue(setting, out var member) && member is not null ? Flag(member) : null;

    /// <summary>NUKE's command-line form of a parameter member: <c>ImageTags</c> is <c>--image-tags</c>.</summary>
    public static string Flag(string member) =>
        "--" + string.Concat(member.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
