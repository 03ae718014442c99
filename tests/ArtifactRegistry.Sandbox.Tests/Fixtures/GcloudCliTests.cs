using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Gcloud;
using ArtifactRegistry.Testing.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

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
        await using var fake = await FakeArtifactRegistry.StartAsync();
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
        // A socket bound and not listening holds the port, so a connection is refused and no other program can take it meanwhile.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var closedPort = ((IPEndPoint)closed.LocalEndPoint!).Port;
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            gcloud.WithArtifactRegistryEndpoint(new Uri($"http://127.0.0.1:{closedPort}/")).RunAsync("artifacts", "repositories", "list"));

        Assert.That(error!.Message, Does.Contain($"127.0.0.1:{closedPort}").And.Contain("Start the sandbox"));
        // gcloud itself would retry for about 30 s; well under that, however loaded the machine, is "at once".
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)));
    }

    /// <summary>Just enough of the REST API for `repositories describe`: the test checks gcloud's side of the wiring, not the sandbox.</summary>
    private sealed class FakeArtifactRegistry : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FakeArtifactRegistry(WebApplication app) => _app = app;

        public Uri Endpoint => new(_app.Urls.Single().TrimEnd('/') + "/");
        public ConcurrentQueue<string> Requests { get; } = new();
        public ConcurrentQueue<string?> Authorizations { get; } = new();

        public static async Task<FakeArtifactRegistry> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var fake = new FakeArtifactRegistry(builder.Build());
            fake._app.Run(fake.AnswerAsync);
            await fake._app.StartAsync();
            return fake;
        }

        private async Task AnswerAsync(HttpContext context)
        {
            var path = context.Request.Path.Value!;
            Requests.Enqueue($"{context.Request.Method} {path}");
            Authorizations.Enqueue(context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization ? authorization : null);
            var found = path.StartsWith("/v1/projects/", StringComparison.Ordinal);
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(found
                ? $$"""{"name":"{{path["/v1/".Length..]}}","format":"DOCKER","mode":"STANDARD_REPOSITORY"}"""
                : """{"error":{"code":404,"message":"not found","status":"NOT_FOUND"}}""");
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
