using System.Net;
using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.Json;

namespace ArtifactRegistry.Sandbox.Tests.RealClients;

/// <summary>The real docker CLI and engine pushing to and pulling from the sandbox, with both ways users authenticate.</summary>
public class DockerPushPullTests
{
    private RealClientSandbox _real = null!;

    [SetUp]
    public async Task Start() => _real = await RealClientSandbox.StartAsync();

    [TearDown]
    public async Task Stop() => await _real.DisposeAsync();

    [Test]
    public async Task Docker_pushes_and_pulls_through_the_gcloud_credential_helper()
    {
        using var gcloud = _real.Gcloud(SandboxPrincipals.Deployer);
        using var docker = _real.Engine.CreateClient().WithEnvironment(gcloud.EnvironmentVariables);
        await gcloud.ConfigureDockerAsync(docker, _real.Host);
        var reference = _real.Reference("helper-app", "v1");
        var built = await _real.BuildAsync(reference);

        var push = (await docker.RunAsync("push", reference)).EnsureSuccess();
        var digest = RealClientSandbox.PushedDigest(push);
        var listed = await _real.Sandbox.GetAsync($"v1/{TestSandbox.RepositoryResource}/dockerImages", SandboxPrincipals.Deployer);
        (await docker.RunAsync("rmi", reference)).EnsureSuccess();
        var pull = (await docker.RunAsync("pull", reference)).EnsureSuccess();
        var inspected = (await docker.RunAsync("image", "inspect", "--format", "{{.Id}}", reference)).EnsureSuccess();

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(docker.ConfigFilePath), Does.Contain($"\"{_real.Host}\": \"gcloud\""));
            Assert.That(listed.Json.Require<string>("dockerImages", 0, "uri"), Is.EqualTo($"asia-docker.pkg.dev/sample-project/sample/helper-app@{digest}"));
            Assert.That(listed.Json.Require<string>("dockerImages", 0, "tags", 0), Is.EqualTo("v1"));
            Assert.That(pull.StandardOutput, Does.Contain("Digest: " + digest));
            Assert.That(inspected.StandardOutput.Trim(), Is.EqualTo(built.ImageId));
        });
    }

    [Test]
    public async Task Docker_login_with_an_access_token_on_stdin_then_push_works()
    {
        using var docker = _real.Engine.CreateClient();
        var reference = _real.Reference("login-app");
        await _real.BuildAsync(reference);

        var login = (await docker.RunAsync(["login", "-u", "oauth2accesstoken", "--password-stdin", _real.Host],
            standardInput: _real.Server.IssueAccessToken(SandboxPrincipals.Deployer))).EnsureSuccess();
        var push = (await docker.RunAsync("push", reference)).EnsureSuccess();
        var digest = RealClientSandbox.PushedDigest(push);
        var head = await _real.Sandbox.RegistryAsync(HttpMethod.Head, "v2/sample-project/sample/login-app/manifests/latest", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(login.StandardOutput, Does.Contain("Login Succeeded"));
            Assert.That(head.Header("Docker-Content-Digest"), Is.EqualTo(digest));
        });
    }

    [Test]
    public async Task A_second_push_of_the_same_image_finds_its_layers_already_there()
    {
        using var docker = _real.Engine.CreateClient();
        await docker.RunAsync(["login", "-u", "oauth2accesstoken", "--password-stdin", _real.Host], standardInput: _real.Server.IssueAccessToken(SandboxPrincipals.Deployer));
        var first = _real.Reference("twice", "a");
        var second = _real.Reference("twice", "b");
        await _real.BuildAsync(first, second);

        var pushed = RealClientSandbox.PushedDigest((await docker.RunAsync("push", first)).EnsureSuccess());
        var again = (await docker.RunAsync("push", second)).EnsureSuccess();
        var tags = await _real.Sandbox.RegistryAsync(HttpMethod.Get, "v2/sample-project/sample/twice/tags/list", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(again.StandardOutput, Does.Contain("Layer already exists"));
            Assert.That(RealClientSandbox.PushedDigest(again), Is.EqualTo(pushed));
            Assert.That(tags.Json.Require("tags").AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "a", "b" }));
        });
    }

    [Test]
    public async Task The_node_pool_account_pulls_only_after_the_cross_project_reader_grant()
    {
        using var deployer = _real.Engine.CreateClient();
        await deployer.RunAsync(["login", "-u", "oauth2accesstoken", "--password-stdin", _real.Host], standardInput: _real.Server.IssueAccessToken(SandboxPrincipals.Deployer));
        var reference = _real.Reference("cluster-app");
        await _real.BuildAsync(reference);
        (await deployer.RunAsync("push", reference)).EnsureSuccess();
        (await deployer.RunAsync("rmi", reference)).EnsureSuccess();
        using var nodes = _real.Engine.CreateClient();
        await nodes.RunAsync(["login", "-u", "oauth2accesstoken", "--password-stdin", _real.Host], standardInput: _real.Server.IssueAccessToken(SandboxPrincipals.GkeNodes));

        var denied = await nodes.RunAsync("pull", reference);
        _real.Server.Grant(TestSandbox.RepositoryResource, "roles/artifactregistry.reader", "serviceAccount:" + SandboxPrincipals.GkeNodes);
        var allowed = await nodes.RunAsync("pull", reference);

        Assert.Multiple(() =>
        {
            Assert.That(denied.Succeeded, Is.False);
            Assert.That(RealClientSandbox.LastErrorLine(denied), Does.EndWith(
                "denied: Permission \"artifactregistry.repositories.downloadArtifacts\" denied on resource \"projects/sample-project/locations/asia/repositories/sample\" (or it may not exist)"));
            Assert.That(allowed.Succeeded, Is.True, allowed.StandardError);
        });
    }
}
