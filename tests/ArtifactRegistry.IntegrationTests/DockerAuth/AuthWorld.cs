using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.Gcloud;
using ArtifactRegistry.Testing.Isolation;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.IntegrationTests.DockerAuth;

/// <summary>
/// The seed article's world, real where it can be: the sandbox standing in for Artifact Registry, the shared private dockerd,
/// the real docker CLI with its own config directory, the real gcloud (and docker-credential-gcloud) with a throwaway config.
/// </summary>
internal sealed class AuthWorld : IAsyncDisposable
{
    public const string Project = "sample-project";
    public const string Repository = "sample";
    public const string CanonicalHost = "asia-docker.pkg.dev";

    private readonly List<IDisposable> _owned = [];

    private AuthWorld(SandboxServer sandbox, PrivateDockerd engine, string home)
    {
        Sandbox = sandbox;
        Engine = engine;
        Home = home;
        HostMap = RegistryHostMap.Parse(string.Join(",", sandbox.RegistryHostMap.Select(pair => $"{pair.Key}={pair.Value}")));
    }

    public SandboxServer Sandbox { get; }

    public PrivateDockerd Engine { get; }

    /// <summary>A private home directory: <c>~/.docker</c> and <c>~/.config/gcloud</c> of the "user".</summary>
    public string Home { get; }

    public RegistryHostMap HostMap { get; }

    public ListLogger Log { get; } = new();

    public RecordingProcessRunner Runner { get; } = new();

    public static async Task<AuthWorld> StartAsync(SandboxOptions? options = null)
    {
        var engine = await PrivateDockerd.SharedAsync();
        var sandbox = await SandboxServer.StartAsync(options);
        return new AuthWorld(sandbox, engine, Directory.CreateTempSubdirectory("ar-auth-it-").FullName);
    }

    /// <summary>Canonical reference in the seeded repository: <c>asia-docker.pkg.dev/sample-project/sample/IMAGE:TAG</c>.</summary>
    public static string Canonical(string image, string tag = "latest", string repository = Repository) =>
        $"{CanonicalHost}/{Project}/{repository}/{image}:{tag}";

    /// <summary>The same reference on the host docker really talks to.</summary>
    public string Actual(string canonical) => HostMap.Resolve(CanonicalHost) + canonical[CanonicalHost.Length..];

    public string ActualHost => HostMap.Resolve(CanonicalHost);

    /// <summary>gcloud acting as <paramref name="principal"/> (a token in its environment), allowed to help docker with 127.0.0.1 hosts.</summary>
    public GcloudCli Gcloud(string principal) => Own(GcloudCli.Create(allowUnrecognizedRegistry: true)
        .WithProject(Project)
        .WithArtifactRegistryEndpoint(Sandbox.ApiEndpoint)
        .WithAccessToken(Sandbox.IssueAccessToken(principal)));

    /// <summary>A gcloud with no account at all.</summary>
    public GcloudCli GcloudWithoutAccount() => Own(GcloudCli.Create(allowUnrecognizedRegistry: true).WithProject(Project));

    /// <summary>A docker CLI with its own config directory, seeing <paramref name="gcloud"/>'s environment (as docker-credential-gcloud will).</summary>
    public DockerCli Docker(GcloudCli? gcloud = null)
    {
        var docker = Engine.CreateClient();
        _owned.Add(docker);
        return gcloud is null ? docker : docker.WithEnvironment(gcloud.EnvironmentVariables);
    }

    /// <summary>EnsureDockerAuth for <paramref name="images"/>, with the preflight and the default mode.</summary>
    public static EnsureDockerAuthSettings Settings(params string[] images) => new EnsureDockerAuthSettings().SetImages(images);

    /// <summary>A context pointing the operations at this world: its docker config, gcloud environment, sandbox and host map.</summary>
    public OperationContext Context(DockerCli docker, GcloudCli? gcloud) => OperationContext.Default
        .SetHostMap(HostMap)
        .SetArtifactRegistryEndpoint(Sandbox.ApiEndpoint)
        .SetTokenInfoEndpoint(new Uri(Sandbox.ApiEndpoint, "tokeninfo"))
        .SetDockerConfigDirectory(docker.ConfigDirectory)
        .SetPrivateHome(PrivateHome.At(Home))
        .SetEnvironmentVariable("CLOUDSDK_CONFIG", Path.Combine(Home, ".config", "gcloud"))
        .SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", null)
        .SetEnvironmentVariable("GCE_METADATA_HOST", "127.0.0.1:9")
        .SetEnvironmentVariables(gcloud?.EnvironmentVariables ?? new Dictionary<string, string>())
        .SetEnvironmentVariables(docker.Engine.EnvironmentVariables)
        .SetProcessRunner(Runner)
        .SetLogger(Log);

    /// <summary>Builds a FROM-scratch image with unique content, tagged with the actual (mapped) reference.</summary>
    public Task<BuiltImage> BuildAsync(string canonical) => ScratchImage.BuildAsync(Engine, "payload " + Guid.NewGuid(), Actual(canonical));

    /// <summary><c>docker push</c> of the actual reference through <paramref name="docker"/>.</summary>
    public Task<CommandResult> PushAsync(DockerCli docker, string canonical) => docker.RunAsync("push", Actual(canonical));

    /// <summary>A docker CLI using an existing config directory (a build-scoped login), left in place on dispose.</summary>
    public DockerCli DockerWithConfig(string dockerConfigDirectory)
    {
        var docker = Engine.CreateClient(dockerConfigDirectory);
        _owned.Add(docker);
        return docker;
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _owned)
            disposable.Dispose();
        await Sandbox.DisposeAsync();
        Directory.Delete(Home, recursive: true);
    }
}
