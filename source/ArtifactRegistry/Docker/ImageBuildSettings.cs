using System.Collections.Immutable;

namespace ArtifactRegistry.Docker;

/// <summary>
/// What <c>docker build</c> gets: context, Dockerfile, build arguments, target, platform, labels, pull, no-cache.
/// Immutable; change it with the fluent <c>Set/Add/Remove/Clear/Reset/Enable/Disable</c> methods of
/// <see cref="ImageBuildSettingsExtensions"/>, which keep the derived settings type (<c>BuildAndPushSettings</c>).
/// </summary>
public record ImageBuildSettings
{
    /// <summary>The build context folder; relative paths are resolved against the current directory when the build runs.</summary>
    public string ContextDirectory { get; init; } = ".";

    /// <summary>The Dockerfile; null means <c>Dockerfile</c> in <see cref="ContextDirectory"/>.</summary>
    public string? DockerfilePath { get; init; }

    /// <summary>The <c>--build-arg</c>s, one per name; secret ones never appear in argv or logs.</summary>
    public ImmutableList<BuildArgument> BuildArguments { get; init; } = [];

    /// <summary>The stage to build (<c>--target</c>); null builds the last stage.</summary>
    public string? Target { get; init; }

    /// <summary><c>--platform</c>, e.g. <c>linux/amd64</c>; null builds for the engine's platform.</summary>
    public string? Platform { get; init; }

    /// <summary>Labels added to the image; they win over the standard OCI labels of the same key.</summary>
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Whether the standard OCI labels (<c>org.opencontainers.image.revision</c>, <c>.source</c>, <c>.created</c>) are added from git.</summary>
    public bool OciLabels { get; init; } = true;

    /// <summary><c>--pull</c>: always look for a newer base image.</summary>
    public bool Pull { get; init; }

    /// <summary><c>--no-cache</c>.</summary>
    public bool NoCache { get; init; }

    /// <summary>
    /// The registry build cache a build reads (<c>--cache-from</c>): an image (<c>asia-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE:buildcache</c>,
    /// pulled first by the legacy builder) or, with buildx, a cache source (<c>type=registry,ref=…</c>). Null: BuildAndPush reads the
    /// image's own <c>latest</c> (none where tags are immutable). <see cref="NoCache"/> wins over it.
    /// </summary>
    public string? CacheFrom { get; init; }

    /// <summary>
    /// Where buildx writes the build cache (<c>--cache-to</c>): an image (a registry cache with every stage, <c>mode=max</c>) or a cache
    /// destination (<c>type=registry,ref=…</c>). Null: the inline cache in the pushed image. Other builders write none but the image itself.
    /// </summary>
    public string? CacheTo { get; init; }

    /// <summary>Which docker build front end runs the build; default <see cref="DockerBuilder.Auto"/>.</summary>
    public DockerBuilder Builder { get; init; } = DockerBuilder.Auto;

    /// <summary>BuildKit secrets (<c>--secret</c>), one per id; never in argv, logs or the image. A build with any needs a BuildKit builder.</summary>
    public ImmutableList<BuildSecret> BuildSecrets { get; init; } = [];

    /// <summary>The network of the <c>RUN</c> steps (<c>--network</c>: <c>default</c>, <c>host</c>, <c>none</c>); null: docker's default.</summary>
    public string? Network { get; init; }

    /// <summary>The Dockerfile as docker will read it: <see cref="DockerfilePath"/>, or <c>Dockerfile</c> in the context, as a full path.</summary>
    public string ResolveDockerfilePath() => Path.GetFullPath(DockerfilePath ?? Path.Combine(ContextDirectory, "Dockerfile"));

    /// <summary>The context folder as a full path.</summary>
    public string ResolveContextDirectory() => Path.GetFullPath(ContextDirectory);

    /// <summary>Shows the collections' contents (secret build arguments and build secrets as <c>[REDACTED]</c>) rather than their type names.</summary>
    protected virtual bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"ContextDirectory = {ContextDirectory}, DockerfilePath = {DockerfilePath}, ");
        builder.Append($"BuildArguments = [{string.Join(", ", BuildArguments)}], Target = {Target}, Platform = {Platform}, ");
        builder.Append($"Labels = [{string.Join(", ", Labels.Select(label => $"{label.Key}={label.Value}"))}], ");
        builder.Append($"OciLabels = {OciLabels}, Pull = {Pull}, NoCache = {NoCache}, Builder = {Builder}");
        builder.Append($", CacheFrom = {CacheFrom}, CacheTo = {CacheTo}");
        builder.Append($", BuildSecrets = [{string.Join(", ", BuildSecrets)}], Network = {Network}");
        return true;
    }
}
