using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArtifactRegistry.Context;
using ArtifactRegistry.IntegrationTests.DockerAuth;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Pruning;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.IntegrationTests.Publishing;

/// <summary>
/// A multi-platform BuildAndPush (linux/amd64 + linux/arm64) with the legacy builder of the private dockerd, an arm64 RUN step
/// emulated by QEMU, the sandbox registry, and clients nobody here wrote checking the result: skopeo reads the index and copies
/// the arm64 image, docker pulls each platform and runs it.
/// </summary>
[CancelAfter(600_000)]
public class MultiPlatformTests
{
    private const string Dockerfile = "ARG TARGETARCH\nFROM local/busybox:${TARGETARCH}\nCOPY payload.txt /payload.txt\nRUN uname -m > /arch\n";

    private PublishWorld _world = null!;
    private SourceTree _source = null!;
    private TempDirectory _folder = null!;
    private string _image = null!;

    [OneTimeSetUp]
    public void RequireParts()
    {
        Prerequisites.RequireProgram("skopeo");
        Prerequisites.RequireArm64Emulation();
        Prerequisites.RequireArm64Busybox();
    }

    [SetUp]
    public async Task Start()
    {
        _world = await PublishWorld.StartAsync();
        await PlatformBusyboxBases.EnsureAsync(_world.Engine);
        _source = await SourceTree.CreateAsync(Dockerfile, new Dictionary<string, string> { ["payload.txt"] = "multi-platform " + Guid.NewGuid() });
        await _source.GitAsync("remote", "add", "origin", "https://github.com/example/app.git");
        _folder = TempDirectory.Create("ar-mp-");
        _image = "app-" + Guid.NewGuid().ToString("N")[..8];
    }

    [TearDown]
    public async Task Stop()
    {
        _folder.Dispose();
        _source.Dispose();
        await _world.DisposeAsync();
    }

    private string RegistryHost => _world.HostMap.Resolve("asia-docker.pkg.dev");

    private BuildAndPushSettings Settings() =>
        PublishWorld.Settings(_source, _image).SetPlatforms("linux/amd64", "linux/arm64").SetBuilder(DockerBuilder.Legacy);

    [Test]
    public async Task One_index_lists_both_platforms_with_annotations_and_each_platform_ran_its_own_architecture()
    {
        var result = await BuildAndPush.RunAsync(_world.Context(), Settings().SetTags("v1", "stable"));

        var raw = await SkopeoAsync("inspect", "--raw", "--tls-verify=false", $"docker://{Local("v1")}");
        var index = JsonNode.Parse(raw)!.AsObject();
        var commit = await _source.GitAsync("rev-parse", "HEAD");
        var manifests = index["manifests"]!.AsArray();
        var arm64 = result.Platforms.Single(platform => platform.Platform == "linux/arm64");
        var amd64 = result.Platforms.Single(platform => platform.Platform == "linux/amd64");
        var arm64Manifest = JsonNode.Parse(await SkopeoAsync("inspect", "--raw", "--tls-verify=false", $"docker://{Local("")}@{arm64.Digest}"))!;
        Assert.Multiple(() =>
        {
            Assert.That("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw.TrimEnd('\n')))), Is.EqualTo(result.Digest.ToString()), "the result's digest is the index's");
            Assert.That(index["mediaType"]!.GetValue<string>(), Is.EqualTo("application/vnd.oci.image.index.v1+json"));
            Assert.That(manifests.Select(m => m!["platform"]!["architecture"]!.GetValue<string>()), Is.EqualTo(new[] { "amd64", "arm64" }));
            Assert.That(manifests.Select(m => m!["digest"]!.GetValue<string>()), Is.EqualTo(new[] { amd64.Digest.ToString(), arm64.Digest.ToString() }));
            Assert.That(index["annotations"]!["org.opencontainers.image.revision"]!.GetValue<string>(), Is.EqualTo(commit));
            Assert.That(index["annotations"]!["org.opencontainers.image.source"]!.GetValue<string>(), Is.EqualTo("https://github.com/example/app.git"));
            Assert.That(index["annotations"]!["org.opencontainers.image.created"], Is.Not.Null);
            Assert.That(arm64Manifest["annotations"]!["org.opencontainers.image.revision"]!.GetValue<string>(), Is.EqualTo(commit));
            Assert.That(arm64Manifest["layers"]!.AsArray().Select(l => l!["mediaType"]!.GetValue<string>()), Has.All.EqualTo("application/vnd.oci.image.layer.v1.tar+gzip"));
            Assert.That(result.ToString(), Does.Contain($"linux/arm64 : {arm64.Digest}"));
        });

        // skopeo picks the arm64 image out of the index.
        var copied = _folder.Combine("arm64");
        await SkopeoAsync("copy", "--override-arch", "arm64", "--src-tls-verify=false", $"docker://{Local("v1")}", "dir:" + copied);
        var copiedManifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(copied, "manifest.json")))!;
        var configFile = Path.Combine(copied, copiedManifest["config"]!["digest"]!.GetValue<string>().Split(':')[1]);
        var config = JsonNode.Parse(await File.ReadAllTextAsync(configFile))!;
        Assert.That(config["architecture"]!.GetValue<string>(), Is.EqualTo("arm64"));

        // docker pulls each platform of the tag and runs what its RUN step recorded.
        using var docker = _world.Engine.CreateClient();
        (await docker.RunAsync(["login", "--username", "oauth2accesstoken", "--password-stdin", RegistryHost],
            _world.Sandbox.IssueAccessToken(SandboxPrincipals.Deployer))).EnsureSuccess();
        var pulledArm64 = await PullAndReadArchAsync(docker, "linux/arm64");
        var pulledAmd64 = await PullAndReadArchAsync(docker, "linux/amd64");
        Assert.Multiple(() =>
        {
            Assert.That(pulledArm64, Is.EqualTo(("arm64", "aarch64")), "docker pull --platform linux/arm64: the image's architecture and what uname -m recorded");
            Assert.That(pulledAmd64, Is.EqualTo(("amd64", "x86_64")), "docker pull --platform linux/amd64");
        });
    }

    [Test]
    public async Task A_fresh_engine_reads_each_platform_s_cache_out_of_the_pushed_index_so_the_rebuild_uploads_nothing_and_keeps_the_index()
    {
        var first = await BuildAndPush.RunAsync(_world.Context(), Settings());
        await using var fresh = await PrivateDockerd.StartAsync();
        // The base images a CI runner would pull, with the IDs the first engine built on.
        await EngineImageCopy.CopyAsync(_world.Engine, fresh, $"{PlatformBusyboxBases.Repository}:amd64", $"{PlatformBusyboxBases.Repository}:arm64");
        var log = new ListLogger();
        var runner = new RecordingProcessRunner();

        var rebuilt = await BuildAndPush.RunAsync(
            _world.Context().SetEnvironmentVariable("DOCKER_HOST", fresh.DockerHost).SetLogger(log).SetProcessRunner(runner), Settings());

        var latest = Local("latest");
        var pulls = runner.DockerRuns("pull");
        var builds = runner.DockerRuns("build");
        Assert.Multiple(() =>
        {
            Assert.That(pulls, Is.EqualTo(new[] { $"pull --quiet --platform linux/amd64 {latest}", $"pull --quiet --platform linux/arm64 {latest}" }),
                "each platform's image is pulled out of the index right before its build");
            Assert.That(builds, Has.Count.EqualTo(2).And.All.Contain($"--cache-from {latest}"));
            Assert.That(Regex.Matches(log.Text, @"RUN uname -m > /arch\s*\n[^\n]*---> Using cache").Count, Is.EqualTo(2), "the emulated step ran for neither platform:\n" + log.Text);
            Assert.That(rebuilt.LayersPushed, Is.Zero, "the registry had every layer");
            Assert.That(rebuilt.Digest, Is.EqualTo(first.Digest), "the same index");
            Assert.That(rebuilt.CacheDuration, Is.GreaterThan(TimeSpan.Zero), "the pulls are docker's time in the summary");
        });
    }

    [Test]
    public async Task Transient_registry_failures_during_the_uploads_are_retried_and_the_index_still_lands()
    {
        _world.Sandbox.Faults.FailNext(1, SandboxFault.ServerError, SandboxFaultScope.Registry, SandboxRoutes.UploadsPut);
        _world.Sandbox.Faults.FailNext(2, SandboxFault.ServerError, SandboxFaultScope.Registry, SandboxRoutes.ManifestsPut);

        var result = await BuildAndPush.RunAsync(_world.Context(), Settings().SetTags("v1"));

        var tagged = await _world.RestTagDigestAsync(_image, "v1");
        Assert.Multiple(() =>
        {
            Assert.That(_world.Sandbox.Faults.Injected(SandboxFault.ServerError), Is.EqualTo(3));
            Assert.That(tagged, Is.EqualTo(result.Digest));
        });
    }

    [Test]
    public async Task Without_an_arm64_interpreter_it_refuses_before_building_naming_the_platform_and_the_fix()
    {
        var emptyBinfmt = Directory.CreateDirectory(_folder.Combine("binfmt_misc")).FullName;

        var exception = await Assert.ThrowsAsync<PlatformEmulationMissingException>(() =>
            BuildAndPush.RunAsync(_world.Context(), Settings().SetBinfmtDirectory(emptyBinfmt)));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Platforms, Is.EqualTo(new[] { "linux/arm64" }));
            Assert.That(exception.Message, Does.StartWith("Cannot build linux/arm64 on this amd64 machine: the Dockerfile has RUN steps"));
            Assert.That(exception.Message, Does.Contain("apt-get install qemu-user-static").And.Contain("docker run --privileged --rm tonistiigi/binfmt --install all"));
            Assert.That(exception.Message, Does.Contain("SetPlatforms(…)"));
            Assert.That(_world.DockerCommands, Has.None.EqualTo("docker build"), "nothing was built");
        });
    }

    [Test]
    public async Task An_immutable_tag_repository_gets_the_index_under_the_commit_tag_only_and_a_rerun_gives_the_same_digests()
    {
        const string frozen = "frozen";
        _world.Sandbox.CreateRepository(PublishWorld.Project, "asia", frozen, immutableTags: true);
        _world.Sandbox.Grant($"projects/{PublishWorld.Project}/locations/asia/repositories/{frozen}", "roles/artifactregistry.writer", "serviceAccount:" + SandboxPrincipals.Deployer);
        var image = $"asia-docker.pkg.dev/{PublishWorld.Project}/{frozen}/{_image}";

        var first = await BuildAndPush.RunAsync(_world.Context(), Settings().SetImage(image));
        var rerun = await BuildAndPush.RunAsync(_world.Context(), Settings().SetImage(image));
        var commit = await _source.GitAsync("rev-parse", "--short=7", "HEAD");

        var tags = JsonNode.Parse(await SkopeoAsync("list-tags", "--tls-verify=false", $"docker://{RegistryHost}/{PublishWorld.Project}/{frozen}/{_image}"))!;
        Assert.Multiple(() =>
        {
            Assert.That(tags["Tags"]!.AsArray().Select(tag => tag!.GetValue<string>()), Is.EqualTo(new[] { commit }), "the commit tag only: no temporary tags, no latest");
            Assert.That(rerun.Digest, Is.EqualTo(first.Digest), "an unchanged rebuild gives the same index");
            Assert.That(rerun.Platforms.Select(p => p.Digest), Is.EqualTo(first.Platforms.Select(p => p.Digest)));
            Assert.That(rerun.LayersPushed, Is.EqualTo(0), "every layer was in the registry already");
        });
    }

    [Test]
    public async Task PruneUntagged_after_a_multi_platform_push_deletes_none_of_the_index_children()
    {
        var result = await BuildAndPush.RunAsync(_world.Context(), Settings().SetTags("v1"));

        var pruned = await PruneUntagged.RunAsync(_world.Context(SandboxPrincipals.Admin), s => s.SetImages(PublishWorld.Canonical(_image)));

        var listed = await _world.GcloudImagesWithTagsAsync(_image);
        Assert.Multiple(() =>
        {
            Assert.That(pruned.Deleted, Is.EqualTo(0));
            Assert.That(listed.Keys, Is.EquivalentTo(new[] { result.Digest.ToString() }.Concat(result.Platforms.Select(p => p.Digest.ToString()))));
        });
    }

    private string Local(string tag) => $"{RegistryHost}/{PublishWorld.Project}/{PublishWorld.Repository}/{_image}{(tag.Length > 0 ? ":" + tag : "")}";

    private async Task<(string Architecture, string Recorded)> PullAndReadArchAsync(DockerCli docker, string platform)
    {
        (await docker.RunAsync("pull", "--platform", platform, Local("v1"))).EnsureSuccess();
        var architecture = (await docker.RunAsync("image", "inspect", "--format", "{{.Architecture}}", Local("v1"))).EnsureSuccess().StandardOutput.Trim();
        var recorded = (await docker.RunAsync("run", "--rm", "--platform", platform, "--network", "none", Local("v1"), "cat", "/arch")).EnsureSuccess().StandardOutput.Trim();
        return (architecture, recorded);
    }

    private async Task<string> SkopeoAsync(params string[] arguments)
    {
        var auth = _folder.Combine("auth-" + Guid.NewGuid().ToString("N") + ".json");
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes("oauth2accesstoken:" + _world.Sandbox.IssueAccessToken(SandboxPrincipals.Admin)));
        await File.WriteAllTextAsync(auth, new JsonObject { ["auths"] = new JsonObject { [RegistryHost] = new JsonObject { ["auth"] = credentials } } }.ToJsonString());
        File.SetUnixFileMode(auth, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var withAuth = arguments.Take(1).Concat(["--authfile", auth]).Concat(arguments.Skip(1)).ToArray();
        var result = await ProcessCommand.For(Prerequisites.RequireProgram("skopeo")).WithArguments(withAuth).ExecuteAsync();
        return result.StandardOutput;
    }
}
