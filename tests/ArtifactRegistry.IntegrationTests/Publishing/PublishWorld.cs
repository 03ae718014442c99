using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Iam;
using ArtifactRegistry.IntegrationTests.DockerAuth;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.References;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.Gcloud;
using ArtifactRegistry.Testing.Isolation;

namespace ArtifactRegistry.IntegrationTests.Publishing;

/// <summary>
/// BuildAndPush's world: the sandbox standing in for Artifact Registry, the shared private dockerd, a private home and
/// docker config, and settings that reach them through canonical <c>asia-docker.pkg.dev/…</c> names only.
/// </summary>
internal sealed class PublishWorld : IAsyncDisposable
{
    public const string Project = "sample-project";
    public const string Repository = "sample";

    private readonly HttpClient _http = new();
    private readonly List<IDisposable> _owned = [];

    private PublishWorld(SandboxServer sandbox, PrivateDockerd engine)
    {
        Sandbox = sandbox;
        Engine = engine;
        Home = Directory.CreateTempSubdirectory("ar-push-home-").FullName;
        DockerConfigDirectory = Directory.CreateDirectory(Path.Combine(Home, ".docker")).FullName;
        HostMap = RegistryHostMap.Parse(string.Join(",", sandbox.RegistryHostMap.Select(pair => $"{pair.Key}={pair.Value}")));
    }

    public SandboxServer Sandbox { get; }

    public PrivateDockerd Engine { get; }

    public string Home { get; }

    public string DockerConfigDirectory { get; }

    public RegistryHostMap HostMap { get; }

    public ListLogger Log { get; } = new();

    public RecordingProcessRunner Runner { get; } = new();

    public static async Task<PublishWorld> StartAsync(SandboxOptions? options = null)
    {
        var engine = await PrivateDockerd.SharedAsync();
        return new PublishWorld(await SandboxServer.StartAsync(options), engine);
    }

    /// <summary><c>asia-docker.pkg.dev/sample-project/sample/IMAGE</c>.</summary>
    public static string Canonical(string image) => $"asia-docker.pkg.dev/{Project}/{Repository}/{image}";

    /// <summary>BuildAndPush of <paramref name="image"/> from <paramref name="source"/>, in AccessToken mode, retrying pushes quickly.</summary>
    public static BuildAndPushSettings Settings(SourceTree source, string image) => new BuildAndPushSettings()
        .SetImage(Canonical(image))
        .SetContextDirectory(source.Path)
        .SetDockerAuthSettings(auth => auth.SetMode(DockerAuthMode.AccessToken))
        .SetPushRetries(4, TimeSpan.FromMilliseconds(50));

    /// <summary>A context reaching this world: docker on the private engine, credentials of <paramref name="principal"/>, the sandbox's REST API.</summary>
    public OperationContext Context(string principal = SandboxPrincipals.Deployer) => OperationContext.Default
        .SetEnvironmentVariable("DOCKER_HOST", Engine.DockerHost)
        .SetDockerConfigDirectory(DockerConfigDirectory)
        .SetAccessTokenSource(Tokens(principal))
        .SetHostMap(HostMap)
        .SetArtifactRegistryEndpoint(Sandbox.ApiEndpoint)
        .SetTokenInfoEndpoint(new Uri(Sandbox.ApiEndpoint, "tokeninfo"))
        .SetPrivateHome(PrivateHome.At(Home))
        .SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", null)
        .SetEnvironmentVariable("CLOUDSDK_CONFIG", Path.Combine(Home, ".config", "gcloud"))
        .SetEnvironmentVariable("GCE_METADATA_HOST", "127.0.0.1:9")
        .SetProcessRunner(Runner)
        .SetLogger(Log);

    /// <summary>Tokens the sandbox issues for <paramref name="principal"/>, as if exchanged at its token endpoint.</summary>
    public IAccessTokenSource Tokens(string principal) => new RefreshingAccessTokenSource(
        $"sandbox tokens of {principal}", GooglePrincipal.ServiceAccount(principal),
        _ =>
        {
            var now = DateTimeOffset.UtcNow;
            return Task.FromResult(new AccessToken(Sandbox.IssueAccessToken(principal), now, now.AddHours(1)));
        });

    /// <summary>The digest the sandbox's REST API gives a tag (<c>tags.get</c>), asked directly over HTTP as an admin.</summary>
    public async Task<ImageDigest> RestTagDigestAsync(string image, string tag)
    {
        var url = new Uri(Sandbox.ApiEndpoint, $"v1/projects/{Project}/locations/asia/repositories/{Repository}/packages/{Uri.EscapeDataString(image).Replace("%", "%25")}/tags/{tag}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Sandbox.IssueAccessToken(SandboxPrincipals.Admin));
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"tags.get {url}: {(int)response.StatusCode} {body}");
        return VersionName.Parse(JsonNode.Parse(body)!["version"]!.GetValue<string>()).Digest;
    }

    /// <summary>The real gcloud's <c>artifacts docker images list IMAGE --include-tags</c>: digest → tags.</summary>
    public async Task<Dictionary<string, string[]>> GcloudImagesWithTagsAsync(string image)
    {
        var gcloud = GcloudCli.Create()
            .WithProject(Project)
            .WithArtifactRegistryEndpoint(Sandbox.ApiEndpoint)
            .WithAccessToken(Sandbox.IssueAccessToken(SandboxPrincipals.Admin));
        _owned.Add(gcloud);
        var listing = await gcloud.JsonAsync("artifacts", "docker", "images", "list", Canonical(image), "--include-tags");
        return listing.AsArray().ToDictionary(
            entry => entry!["version"]!.GetValue<string>(),
            entry => entry!["tags"] switch
            {
                JsonArray array => array.Select(tag => tag!.GetValue<string>()).ToArray(),
                JsonValue value => value.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                _ => [],
            });
    }

    /// <summary>The labels docker gives a local image.</summary>
    public async Task<JsonObject> LabelsAsync(string imageId)
    {
        var result = (await Engine.DockerAsync("image", "inspect", "--format", "{{json .Config.Labels}}", imageId)).EnsureSuccess();
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    /// <summary>The docker commands BuildAndPush ran, as <c>docker build</c>, <c>docker push</c>, … (first two words).</summary>
    public IReadOnlyList<string> DockerCommands => Runner.Runs
        .Where(run => Path.GetFileName(run.Command.Program) == "docker")
        .Select(run => "docker " + string.Join(' ', run.Command.Arguments.Take(run.Command.Arguments.FirstOrDefault()?.Value == "buildx" ? 2 : 1).Select(a => a.Value)))
        .ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _owned)
            disposable.Dispose();
        _http.Dispose();
        await Sandbox.DisposeAsync();
        Directory.Delete(Home, recursive: true);
    }
}
