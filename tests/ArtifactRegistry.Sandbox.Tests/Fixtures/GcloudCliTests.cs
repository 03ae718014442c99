using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Gcloud;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Sandbox.Tests.Fixtures;

[SupportedOSPlatform("linux")]
public sealed class GcloudCliTests
{
    [Test]
    public async Task Gcloud_reports_the_properties_of_its_own_throwaway_config()
    {
        using var gcloud = GcloudCli.Create(allowUnrecognizedRegistry: true);

        var stopwatch = Stopwatch.StartNew();
        var config = await gcloud.WithProject("fixture-project").JsonAsync("config", "list");
        TestContext.Out.WriteLine($"gcloud config list: {stopwatch.ElapsedMilliseconds} ms");

        Assert.Multiple(() =>
        {
            Assert.That(gcloud.ConfigDirectory, Does.Not.Contain(".config/gcloud"));
            Assert.That((string?)config["core"]?["disable_usage_reporting"], Is.EqualTo("true"));
            Assert.That((string?)config["core"]?["check_gce_metadata"], Is.EqualTo("false"));
            Assert.That((string?)config["core"]?["project"], Is.EqualTo("fixture-project"));
            Assert.That((string?)config["survey"]?["disable_prompts"], Is.EqualTo("true"));
            Assert.That((string?)config["component_manager"]?["disable_update_check"], Is.EqualTo("true"));
            Assert.That((string?)config["artifacts"]?["allow_unrecognized_registry"], Is.EqualTo("true"));
        });
    }

    [Test]
    public void Disposing_a_configured_copy_of_gcloud_deletes_the_config_folder()
    {
        var created = GcloudCli.Create();
        var configured = created.WithProject("p").WithAccessToken("t");
        Assert.That(configured.ConfigDirectory, Is.EqualTo(created.ConfigDirectory));
        Assert.That(Directory.Exists(created.ConfigDirectory), Is.True);

        configured.Dispose();

        Assert.That(Directory.Exists(created.ConfigDirectory), Is.False);
    }

    [Test]
    public async Task Configure_docker_writes_credential_helpers_into_the_given_docker_config_only()
    {
        using var gcloud = GcloudCli.Create(allowUnrecognizedRegistry: true);
        using var dockerConfig = TempDirectory.Create();

        await gcloud.ConfigureDockerAsync(dockerConfig.Path, "127.0.0.1:5000", "europe-docker.pkg.dev");

        var configFile = dockerConfig.Combine("config.json");
        var helpers = JsonNode.Parse(await File.ReadAllTextAsync(configFile))!["credHelpers"]!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)helpers["127.0.0.1:5000"], Is.EqualTo("gcloud"));
            Assert.That((string?)helpers["europe-docker.pkg.dev"], Is.EqualTo("gcloud"));
            Assert.That(File.GetUnixFileMode(configFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        });
    }

    [Test]
    public async Task The_docker_credential_helper_answers_with_the_access_token_of_the_environment()
    {
        using var gcloud = GcloudCli.Create();
        var token = "fixture-token-" + Guid.NewGuid().ToString("N");

        var answer = (await ExternalProgram.RunAsync(
                "docker-credential-gcloud", ["get"], gcloud.WithAccessToken(token).EnvironmentVariables, standardInput: "europe-docker.pkg.dev"))
            .EnsureSuccess();

        Assert.That((string?)JsonNode.Parse(answer.StandardOutput)?["Secret"], Is.EqualTo(token));
    }

    [Test]
    public async Task Gcloud_sends_its_access_token_to_the_overridden_endpoint()
    {
        using var fake = FakeArtifactRegistry.Start();
        using var gcloud = GcloudCli.Create();
        var token = "fixture-token-" + Guid.NewGuid().ToString("N");

        var repository = await gcloud
            .WithArtifactRegistryEndpoint(fake.Endpoint)
            .WithAccessToken(token)
            .WithProject("fixture-project")
            .JsonAsync("artifacts", "repositories", "describe", "images", "--location=europe");

        Assert.Multiple(() =>
        {
            Assert.That((string?)repository["format"], Is.EqualTo("DOCKER"));
            Assert.That(fake.Requests, Has.Some.StartWith("GET /v1/projects/fixture-project/locations/europe/repositories/images"));
            Assert.That(fake.Authorizations, Has.All.EqualTo("Bearer " + token));
            Assert.That(fake.Authorizations, Is.Not.Empty);
        });
    }

    [Test]
    public async Task Gcloud_fails_at_once_when_nothing_listens_at_the_endpoint_override()
    {
        using var gcloud = GcloudCli.Create();
        var closedPort = FreeLoopbackPort();
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            gcloud.WithArtifactRegistryEndpoint(new Uri($"http://127.0.0.1:{closedPort}/")).RunAsync("artifacts", "repositories", "list"));

        Assert.That(error!.Message, Does.Contain($"127.0.0.1:{closedPort}").And.Contain("Start the sandbox"));
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Just enough of the REST API for `repositories describe`: the test checks gcloud's side of the wiring, not the sandbox.</summary>
    private sealed class FakeArtifactRegistry : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();

        private FakeArtifactRegistry(int port)
        {
            Endpoint = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(Endpoint.AbsoluteUri);
        }

        public Uri Endpoint { get; }
        public ConcurrentQueue<string> Requests { get; } = new();
        public ConcurrentQueue<string?> Authorizations { get; } = new();

        public static FakeArtifactRegistry Start()
        {
            var fake = new FakeArtifactRegistry(FreeLoopbackPort());
            fake._listener.Start();
            _ = fake.ServeAsync();
            return fake;
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                var path = context.Request.Url!.AbsolutePath;
                Requests.Enqueue($"{context.Request.HttpMethod} {path}");
                Authorizations.Enqueue(context.Request.Headers["Authorization"]);
                var body = path.StartsWith("/v1/projects/", StringComparison.Ordinal)
                    ? $$"""{"name":"{{path["/v1/".Length..]}}","format":"DOCKER","mode":"STANDARD_REPOSITORY"}"""
                    : """{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}""";
                context.Response.StatusCode = body.Contains("\"error\"") ? 404 : 200;
                context.Response.ContentType = "application/json";
                var bytes = Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
            _stop.Dispose();
        }
    }
}
