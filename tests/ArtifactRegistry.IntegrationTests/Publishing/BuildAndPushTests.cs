using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.Isolation;

namespace ArtifactRegistry.IntegrationTests.Publishing;

/// <summary>BuildAndPush for real: the private dockerd builds, docker pushes to the sandbox, the REST API and the real gcloud confirm.</summary>
[CancelAfter(300_000)]
public class BuildAndPushTests
{
    private PublishWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await PublishWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task Every_tag_of_a_FROM_scratch_image_resolves_to_the_one_digest_that_the_REST_API_and_gcloud_report()
    {
        using var source = await SourceTree.ScratchAsync("scratch " + Guid.NewGuid());
        await source.GitAsync("tag", "v1.4.0");
        var shortSha = await source.GitAsync("rev-parse", "--short", "HEAD");

        var result = await BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(source, "app"));

        Assert.That(result.Tags, Is.EqualTo(new[] { shortSha, "latest", "v1.4.0" }));
        Assert.That(result.Image.ToString(), Is.EqualTo($"{PublishWorld.Canonical("app")}:{shortSha}@{result.Digest}"));
        foreach (var tag in result.Tags)
            Assert.That(await _world.RestTagDigestAsync("app", tag), Is.EqualTo(result.Digest), $"tags.get of :{tag}");
        var gcloud = await _world.GcloudImagesWithTagsAsync("app");
        Assert.That(gcloud.Keys, Is.EqualTo(new[] { result.Digest.ToString() }), "gcloud lists exactly one image");
        Assert.That(gcloud[result.Digest.ToString()], Is.EquivalentTo(result.Tags));
        Assert.That(result.VerifiedWithRegistry, Is.True);
        Assert.That(result.ImageSizeBytes, Is.GreaterThan(0));
        Assert.That(_world.DockerCommands.Count(command => command == "docker push"), Is.EqualTo(3), "one push per tag");
    }

    [Test]
    public async Task An_image_on_the_imported_busybox_with_a_RUN_step_is_pushed_with_the_OCI_labels_of_its_commit()
    {
        await BusyboxBase.EnsureAsync(_world.Engine);
        using var source = await SourceTree.CreateAsync(
            $"FROM {BusyboxBase.Reference}\nCOPY app.sh /app.sh\nRUN chmod +x /app.sh && echo built > /built.txt\n",
            new Dictionary<string, string> { ["app.sh"] = "#!/bin/sh\necho " + Guid.NewGuid() + "\n" });
        await source.GitAsync("remote", "add", "origin", "https://ci-token:s3cr3t@git.example.com/shop/app.git");
        var commit = await source.GitAsync("rev-parse", "HEAD");
        var committed = await source.GitAsync("log", "-1", "--format=%cI");

        var result = await BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(source, "busybox-app").SetTags("release-7", "stable"));

        Assert.That(result.Tags, Is.EqualTo(new[] { "release-7", "stable" }), "explicit tags replace the default ones");
        Assert.That(await _world.RestTagDigestAsync("busybox-app", "release-7"), Is.EqualTo(result.Digest));
        Assert.That(await _world.RestTagDigestAsync("busybox-app", "stable"), Is.EqualTo(result.Digest));
        var labels = await _world.LabelsAsync(result.ImageId);
        Assert.That(labels["org.opencontainers.image.revision"]!.GetValue<string>(), Is.EqualTo(commit));
        Assert.That(labels["org.opencontainers.image.source"]!.GetValue<string>(), Is.EqualTo("https://git.example.com/shop/app.git"));
        Assert.That(DateTimeOffset.Parse(labels["org.opencontainers.image.created"]!.GetValue<string>()), Is.EqualTo(DateTimeOffset.Parse(committed)));
        Assert.That(_world.Log.Text, Does.Contain("docker build step 3/").And.Contain("RUN chmod +x /app.sh"), "one summary line per Dockerfile step");
    }

    [Test]
    public async Task Running_again_without_a_change_uploads_no_layer_and_returns_the_same_digest()
    {
        using var source = await SourceTree.ScratchAsync("unchanged " + Guid.NewGuid());

        var first = await BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(source, "steady"));
        var second = await BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(source, "steady"));

        Assert.That(first.LayersPushed, Is.GreaterThan(0));
        Assert.That(second.Digest, Is.EqualTo(first.Digest));
        Assert.That(second.ImageId, Is.EqualTo(first.ImageId), "the build came from the cache");
        Assert.That(second.LayersPushed, Is.Zero, "the registry had every layer");
        Assert.That(second.LayersAlreadyPresent, Is.EqualTo(first.LayersPushed), "each layer counted once, not once per tag");
        Assert.That((await _world.GcloudImagesWithTagsAsync("steady")).Keys, Has.Count.EqualTo(1), "no second version appeared");
    }

    [Test]
    public async Task A_source_change_gives_a_new_digest_and_an_uncommitted_one_a_dirty_tag()
    {
        using var source = await SourceTree.ScratchAsync("v1 " + Guid.NewGuid());
        var first = await BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(source, "moving"));
        source.Write("payload.txt", "v2 " + Guid.NewGuid());
        var shortSha = await source.GitAsync("rev-parse", "--short", "HEAD");

        var dirty = await BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(source, "moving"));

        Assert.That(dirty.Digest, Is.Not.EqualTo(first.Digest));
        Assert.That(dirty.Tags, Is.EqualTo(new[] { shortSha + "-dirty", "latest" }));
        Assert.That(await _world.RestTagDigestAsync("moving", "latest"), Is.EqualTo(dirty.Digest), ":latest moved to the new image");
        Assert.That(await _world.RestTagDigestAsync("moving", shortSha), Is.EqualTo(first.Digest), "the clean commit's tag still names the first image");
    }

    [Test]
    public async Task A_push_that_meets_server_errors_is_tried_again_and_succeeds()
    {
        using var source = await SourceTree.ScratchAsync("flaky " + Guid.NewGuid());
        _world.Sandbox.Faults.FailNext(2, Sandbox.SandboxFault.ServerError, Sandbox.SandboxFaultScope.Registry, Sandbox.SandboxRoutes.ManifestsPut);

        var result = await BuildAndPush.RunAsync(_world.Context(), PublishWorld.Settings(source, "flaky").SetTags("v1"));

        Assert.That(_world.Sandbox.Faults.Injected(Sandbox.SandboxFault.ServerError), Is.EqualTo(2));
        Assert.That(_world.DockerCommands.Count(command => command == "docker push"), Is.EqualTo(3));
        Assert.That(_world.Log.Text, Does.Contain("attempt 1 of 4").And.Contain("attempt 2 of 4"));
        Assert.That(await _world.RestTagDigestAsync("flaky", "v1"), Is.EqualTo(result.Digest));
    }

    [Test]
    public async Task The_sandbox_env_file_alone_points_the_canonical_names_at_the_sandbox()
    {
        using var source = await SourceTree.ScratchAsync("env file " + Guid.NewGuid());
        var envFile = Path.Combine(_world.Home, "sandbox.env");
        await _world.Sandbox.WriteEnvFileAsync(envFile, Path.Combine(_world.Home, "sandbox-keys"));

        var context = OperationContext.Default
            .SetEnvironmentFile(envFile)
            .SetEnvironmentVariable("DOCKER_HOST", _world.Engine.DockerHost)
            .SetDockerConfigDirectory(_world.DockerConfigDirectory)
            .SetPrivateHome(PrivateHome.At(_world.Home))
            .SetEnvironmentVariable("GCE_METADATA_HOST", "127.0.0.1:9")
            .SetLogger(_world.Log);

        var result = await BuildAndPush.RunAsync(context, new BuildAndPushSettings()
            .SetImage(PublishWorld.Canonical("from-env-file"))
            .SetContextDirectory(source.Path)
            .SetTags("v1")
            // The file's key (GOOGLE_APPLICATION_CREDENTIALS, token_uri at the sandbox) logs docker in. Its CLOUDSDK_AUTH_ACCESS_TOKEN would
            // make Auto choose gcloud's credential helper, which serves 127.0.0.1 hosts only with artifacts/allow_unrecognized_registry.
            .SetDockerAuthSettings(auth => auth.SetMode(DockerAuthMode.AccessToken)));

        Assert.That(result.Image.ToString(), Does.StartWith("asia-docker.pkg.dev/sample-project/sample/from-env-file:v1@sha256:"));
        Assert.That(await _world.RestTagDigestAsync("from-env-file", "v1"), Is.EqualTo(result.Digest));
        Assert.That(result.VerifiedWithRegistry, Is.True, "the REST endpoint came from the file too");
    }
}
