using System.Reflection;

namespace ArtifactRegistry.Hints;

/// <summary>
/// Every setting a message of the library can name, so a host can map each one to its own flag or argument and a test can
/// check that every host names every one with a parameter that exists.
/// </summary>
public static class SettingNames
{
    /// <summary>Every entry below, for hosts and tests that check a map covers them all.</summary>
    public static IReadOnlyList<SettingName> All => AllEntries.Value;

    // Lazy: static initialisers run in order, and the entries are declared after this one.
    private static readonly Lazy<IReadOnlyList<SettingName>> AllEntries = new(() => typeof(SettingNames)
        .GetProperties(BindingFlags.Public | BindingFlags.Static)
        .Where(property => property.PropertyType == typeof(SettingName))
        .Select(property => (SettingName)property.GetValue(null)!)
        .ToList());

    /// <summary><c>OperationContext.Kubeconfig</c>: the kubeconfig file.</summary>
    public static SettingName Kubeconfig { get; } = new("OperationContext", "Kubeconfig");

    /// <summary><c>OperationContext.KubeContext</c>: the kube context.</summary>
    public static SettingName KubeContext { get; } = new("OperationContext", "KubeContext");

    /// <summary><c>ImageBuildSettings.ContextDirectory</c>: the docker build context folder.</summary>
    public static SettingName DockerContext { get; } = new("ImageBuildSettings", "ContextDirectory");

    /// <summary><c>ImageBuildSettings.DockerfilePath</c>: the Dockerfile.</summary>
    public static SettingName Dockerfile { get; } = new("ImageBuildSettings", "DockerfilePath", "SetDockerfile");

    /// <summary><c>ImageBuildSettings.Builder</c>: which docker build front end runs the build.</summary>
    public static SettingName Builder { get; } = new("ImageBuildSettings", "Builder");

    /// <summary><c>ImageBuildSettings.NoCache</c>: build without any build cache.</summary>
    public static SettingName NoCache { get; } = new("ImageBuildSettings", "NoCache");

    /// <summary><c>ImageBuildSettings.CacheFrom</c>: the image the build reads its registry cache from.</summary>
    public static SettingName CacheFrom { get; } = new("ImageBuildSettings", "CacheFrom");

    /// <summary><c>ImageBuildSettings.CacheTo</c>: where buildx writes the build cache.</summary>
    public static SettingName CacheTo { get; } = new("ImageBuildSettings", "CacheTo");

    /// <summary><c>BuildAndPushSettings.RegistryVerification</c>: whether the pushed digest is read back from the registry.</summary>
    public static SettingName RegistryVerification { get; } = new("BuildAndPushSettings", "RegistryVerification", "EnableRegistryVerification");

    /// <summary><c>EnsureDockerAuthSettings.Images</c>: the images whose hosts docker is logged in to.</summary>
    public static SettingName DockerAuthImages { get; } = new("EnsureDockerAuthSettings", "Images", "SetImages");

    /// <summary><c>CheckPullAccessSettings.Member</c>: the member whose pull access is checked.</summary>
    public static SettingName CheckMember { get; } = new("CheckPullAccessSettings", "Member");

    /// <summary><c>BuildAndPushSettings.Image</c>: the image BuildAndPush builds and pushes.</summary>
    public static SettingName BuildImage { get; } = new("BuildAndPushSettings", "Image");

    /// <summary><c>BuildAndPushSettings.Tags</c>: the tags BuildAndPush pushes.</summary>
    public static SettingName ImageTags { get; } = new("BuildAndPushSettings", "Tags");

    /// <summary><c>BuildAndPushSettings.Platforms</c>: the platforms BuildAndPush builds, one image index over them when several.</summary>
    public static SettingName Platforms { get; } = new("BuildAndPushSettings", "Platforms");

    /// <summary><c>DeploySettings.Images</c>: the images Deploy builds and rolls out, each with its workloads.</summary>
    public static SettingName DeployImages { get; } = new("DeploySettings", "Images", "AddImage");

    /// <summary><c>SetImageSettings.Image</c>: the image SetImage deploys.</summary>
    public static SettingName DeployImage { get; } = new("SetImageSettings", "Image");

    /// <summary><c>SetImageSettings.Workloads</c>: the workloads SetImage rolls out.</summary>
    public static SettingName Workloads { get; } = new("SetImageSettings", "Workloads");

    /// <summary><c>SetImageSettings.Namespace</c>: the workloads' namespace.</summary>
    public static SettingName KubeNamespace { get; } = new("SetImageSettings", "Namespace");

    /// <summary><c>SetImageSettings.Container</c>: the container whose image changes.</summary>
    public static SettingName Container { get; } = new("SetImageSettings", "Container");

    /// <summary><c>SetImageSettings.RolloutTimeout</c>: how long a rollout may take.</summary>
    public static SettingName RolloutTimeout { get; } = new("SetImageSettings", "RolloutTimeout");

    /// <summary><c>GrantReaderSettings.Repository</c>: the repository GrantReader grants read access to.</summary>
    public static SettingName GrantRepository { get; } = new("GrantReaderSettings", "Repository");

    /// <summary><c>GrantReaderSettings.Member</c>: the member granted read access.</summary>
    public static SettingName ReaderMember { get; } = new("GrantReaderSettings", "Member");

    /// <summary><c>CheckPullAccessSettings.Repository</c>: the repository whose pull access is checked.</summary>
    public static SettingName CheckRepository { get; } = new("CheckPullAccessSettings", "Repository");

    /// <summary><c>PruneUntaggedSettings.Images</c>: the images PruneUntagged prunes.</summary>
    public static SettingName PruneImages { get; } = new("PruneUntaggedSettings", "Images");

    /// <summary><c>PruneUntaggedSettings.Repositories</c>: the repositories PruneUntagged prunes.</summary>
    public static SettingName PruneRepositories { get; } = new("PruneUntaggedSettings", "Repositories");

    /// <summary><c>PruneUntaggedSettings.OlderThan</c>: the grace period of a prune.</summary>
    public static SettingName PruneOlderThan { get; } = new("PruneUntaggedSettings", "OlderThan");

    /// <summary><c>TagAddSettings.Source</c>: the image tags are pointed at.</summary>
    public static SettingName TagSource { get; } = new("TagAddSettings", "Source");

    /// <summary><c>TagAddSettings.Tags</c>: the tags pointed at it.</summary>
    public static SettingName AddTags { get; } = new("TagAddSettings", "Tags");

    /// <summary><c>TagListSettings.Image</c>: the image whose tags are listed.</summary>
    public static SettingName TagListImage { get; } = new("TagListSettings", "Image");

    /// <summary><c>TagDeleteSettings.Image</c>: the tag to delete, <c>IMAGE:TAG</c>.</summary>
    public static SettingName RemoveTag { get; } = new("TagDeleteSettings", "Image");

    /// <summary><c>DeleteImageSettings.Image</c>: the image version to delete.</summary>
    public static SettingName DeleteImage { get; } = new("DeleteImageSettings", "Image");

    /// <summary><c>DeleteImageSettings.DeleteTags</c>: whether the version's tags may go with it.</summary>
    public static SettingName DeleteTags { get; } = new("DeleteImageSettings", "DeleteTags");

    /// <summary><c>OperationContext.ResultFile</c>: where the run's JSON result is written.</summary>
    public static SettingName ResultFile { get; } = new("OperationContext", "ResultFile");

    /// <summary><c>OperationContext.ResultDotenv</c>: where the run's dotenv result is written for GitLab.</summary>
    public static SettingName ResultDotenv { get; } = new("OperationContext", "ResultDotenv");

    /// <summary><c>DeploySettings.Kustomization</c>: the kustomization the pushed images are pinned in.</summary>
    public static SettingName Kustomization { get; } = new("DeploySettings", "Kustomization");

    /// <summary><c>ImageBuildSettings.BuildSecrets</c>: the BuildKit secrets a <c>RUN --mount=type=secret</c> step reads.</summary>
    public static SettingName BuildSecrets { get; } = new("ImageBuildSettings", "BuildSecrets", "AddBuildSecret");

    /// <summary><c>ImageBuildSettings.Network</c>: the network of the build's <c>RUN</c> steps (<c>docker build --network</c>).</summary>
    public static SettingName BuildNetwork { get; } = new("ImageBuildSettings", "Network");

    /// <summary><c>BuildAndPushSettings.DockerProgram</c>: the docker CLI that builds and pushes.</summary>
    public static SettingName DockerProgram { get; } = new("BuildAndPushSettings", "DockerProgram");
}
