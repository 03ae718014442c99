using ArtifactRegistry.Hints;
using static ArtifactRegistry.Cake.Arguments.ScriptArguments;

namespace ArtifactRegistry.Cake.Arguments;

/// <summary>
/// The Cake aliases' names for the settings core messages mention: the script argument that sets it
/// (<c>--image-tags=1.4.0 or SetTags(…)</c>), or null where only the alias's lambda does. A test checks that every
/// <see cref="SettingNames"/> entry is here and that its argument really sets that setting.
/// </summary>
internal sealed class CakeSettingNames : IHostSettingNames
{
    public static CakeSettingNames Instance { get; } = new();

    /// <summary>The argument per setting; null: set only in the alias's lambda.</summary>
    public static IReadOnlyDictionary<SettingName, ScriptArgument?> Arguments { get; } = new Dictionary<SettingName, ScriptArgument?>
    {
        [SettingNames.Kubeconfig] = Kubeconfig,
        [SettingNames.KubeContext] = KubeContext,
        [SettingNames.DockerContext] = DockerContext,
        [SettingNames.Dockerfile] = Dockerfile,
        [SettingNames.BuildImage] = Image,
        [SettingNames.ImageTags] = ImageTags,
        [SettingNames.Platforms] = DockerPlatforms,
        [SettingNames.DeployImages] = Image,
        [SettingNames.DeployImage] = Image,
        [SettingNames.Workloads] = Workloads,
        [SettingNames.KubeNamespace] = KubeNamespace,
        [SettingNames.Container] = Container,
        [SettingNames.RolloutTimeout] = RolloutTimeout,
        [SettingNames.GrantRepository] = Image,
        [SettingNames.ReaderMember] = ReaderMember,
        [SettingNames.CheckRepository] = Image,
        [SettingNames.PruneImages] = Image,
        [SettingNames.PruneRepositories] = PruneRepositories,
        [SettingNames.PruneOlderThan] = PruneOlderThan,
        [SettingNames.TagSource] = Image,
        [SettingNames.AddTags] = AddTags,
        [SettingNames.TagListImage] = Image,
        [SettingNames.RemoveTag] = Image,
        [SettingNames.DeleteImage] = Image,
        // Deleting tags with their image is a decision for the script, not a command-line switch.
        [SettingNames.DeleteTags] = null,
        [SettingNames.ResultFile] = ResultFile,
        [SettingNames.ResultDotenv] = ResultDotenv,
        [SettingNames.Kustomization] = Kustomization,
        [SettingNames.NoCache] = DockerNoCache,
        [SettingNames.CacheFrom] = DockerCacheFrom,
        [SettingNames.CacheTo] = DockerCacheTo,
        [SettingNames.BuildSecrets] = DockerSecrets,
        [SettingNames.BuildNetwork] = DockerNetwork,
        [SettingNames.DockerProgram] = DockerProgram,
        // Settable in code only.
        [SettingNames.Builder] = null,
        [SettingNames.RegistryVerification] = null,
        [SettingNames.DockerAuthImages] = null,
        [SettingNames.CheckMember] = null,
    };

    public string Host => "Cake";

    public string? NameOf(SettingName setting) => Arguments.GetValueOrDefault(setting)?.Flag;

    /// <summary>Cake's form: <c>--workloads=deployment/NAME or SetWorkloads(…)</c>.</summary>
    public string Mention(SettingName setting) => Arguments.GetValueOrDefault(setting) is { } argument
        ? $"{argument.Flag}={setting.Example ?? argument.Example} or {setting.Setter}(…)"
        : setting.ToString();
}
