using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Hints;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using ArtifactRegistry.Reporting;
using ArtifactRegistry.Testing.CiFiles;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Tests.Publishing;

/// <summary>The parts of a multi-platform push that need no engine: platforms, the binfmt check, the documents, the layer blobs, the result.</summary>
public class MultiPlatformPiecesTests
{
    private static readonly ImageDigest DigestA = ImageDigest.Parse("sha256:" + new string('a', 64));
    private static readonly ImageDigest DigestB = ImageDigest.Parse("sha256:" + new string('b', 64));
    private static readonly ImageDigest DigestC = ImageDigest.Parse("sha256:" + new string('c', 64));

    private TempDirectory _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = TempDirectory.Create("ar-mp-unit-");

    [TearDown]
    public void DeleteFolder() => _folder.Dispose();

    [Test]
    public void Platforms_win_over_the_single_platform_and_one_platform_is_built_as_before()
    {
        var settings = new BuildAndPushSettings().SetPlatform("linux/arm64");

        Assert.Multiple(() =>
        {
            Assert.That(BuildPlatforms.Of(new BuildAndPushSettings()), Is.Empty);
            Assert.That(BuildPlatforms.Of(settings), Is.EqualTo(new[] { "linux/arm64" }));
            Assert.That(BuildPlatforms.Of(settings.SetPlatforms("linux/amd64", "linux/arm64/v8")), Is.EqualTo(new[] { "linux/amd64", "linux/arm64/v8" }));
            Assert.That(BuildPlatforms.Of(settings.SetPlatforms("linux/amd64").AddPlatforms("linux/arm64").RemovePlatform("linux/amd64")), Is.EqualTo(new[] { "linux/arm64" }));
            Assert.That(BuildPlatforms.Of(settings.SetPlatforms("linux/amd64").ClearPlatforms()), Is.EqualTo(new[] { "linux/arm64" }));
        });
    }

    [Test]
    public void A_platform_not_written_as_docker_writes_it_or_listed_twice_is_refused_naming_the_setting()
    {
        var malformed = Assert.Throws<SettingsException>(() => BuildPlatforms.Of(new BuildAndPushSettings().SetPlatforms("linux/amd64", "arm64")));
        var twice = Assert.Throws<SettingsException>(() => BuildPlatforms.Of(new BuildAndPushSettings().SetPlatforms("linux/amd64", "linux/amd64")));

        Assert.Multiple(() =>
        {
            Assert.That(malformed!.Message, Does.StartWith("The platform 'arm64' is not of the form OS/ARCHITECTURE[/VARIANT]."));
            Assert.That(malformed.Settings, Is.EqualTo(new[] { SettingNames.Platforms }));
            Assert.That(twice!.Message, Does.StartWith("The platform linux/amd64 is listed twice."));
        });
    }

    [Test]
    public void The_binfmt_check_finds_an_enabled_qemu_entry_and_refuses_without_one_naming_the_platform_and_both_fixes()
    {
        var dockerfile = Write("Dockerfile", "FROM base\nRUN make\n");
        var binfmt = Directory.CreateDirectory(_folder.Combine("binfmt_misc")).FullName;

        var refused = Assert.Throws<PlatformEmulationMissingException>(() =>
            PlatformEmulation.EnsureAvailable(["linux/amd64", "linux/arm64"], "amd64", null, dockerfile, binfmt));
        File.WriteAllText(Path.Combine(binfmt, "qemu-aarch64"), "disabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n");
        Assert.Throws<PlatformEmulationMissingException>(() => PlatformEmulation.EnsureAvailable(["linux/arm64"], "amd64", null, dockerfile, binfmt), "a disabled entry runs nothing");
        File.WriteAllText(Path.Combine(binfmt, "qemu-aarch64"), "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\nflags: POCF\n");

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Platforms, Is.EqualTo(new[] { "linux/arm64" }));
            Assert.That(refused.Message, Does.StartWith("Cannot build linux/arm64 on this amd64 machine"));
            Assert.That(refused.Message, Does.Contain("qemu-aarch64 is not registered in " + binfmt));
            Assert.That(refused.Message, Does.Contain("`sudo apt-get install qemu-user-static`").And.Contain("`docker run --privileged --rm tonistiigi/binfmt --install all`"));
            Assert.That(refused.Message, Does.Contain("or build only linux/amd64 with SetPlatforms(…)"));
            Assert.DoesNotThrow(() => PlatformEmulation.EnsureAvailable(["linux/amd64", "linux/arm64"], "amd64", "unix:///run/docker.sock", dockerfile, binfmt));
        });
    }

    [Test]
    public void The_binfmt_check_says_nothing_for_a_remote_engine_a_Dockerfile_without_RUN_or_the_engine_s_own_platform()
    {
        var empty = Directory.CreateDirectory(_folder.Combine("empty")).FullName;
        var withRun = Write("Dockerfile", "FROM base\n  run make\n");
        var withoutRun = Write("Dockerfile.copy", "FROM scratch\nCOPY app /app\n# RUN in a comment\n");

        Assert.Multiple(() =>
        {
            Assert.DoesNotThrow(() => PlatformEmulation.EnsureAvailable(["linux/arm64"], "amd64", "tcp://build-host:2376", withRun, empty), "a remote engine's kernel is not this one's");
            Assert.DoesNotThrow(() => PlatformEmulation.EnsureAvailable(["linux/arm64"], "amd64", "ssh://me@build-host", withRun, empty));
            Assert.DoesNotThrow(() => PlatformEmulation.EnsureAvailable(["linux/arm64"], "amd64", null, withoutRun, empty), "no RUN step, nothing to emulate");
            Assert.DoesNotThrow(() => PlatformEmulation.EnsureAvailable(["linux/arm64"], "arm64", null, withRun, empty), "the engine's own platform");
            Assert.Throws<PlatformEmulationMissingException>(() => PlatformEmulation.EnsureAvailable(["linux/arm64"], "amd64", null, withRun, empty), "lower-case run counts");
        });
    }

    [Test]
    public void The_index_lists_each_manifest_with_its_platform_and_the_annotations_and_equal_inputs_give_equal_bytes()
    {
        var config = Encoding.UTF8.GetBytes("""{"architecture":"arm64","os":"linux","variant":"v8","config":{}}""");
        var platform = OciImageDocuments.ImagePlatform.FromConfig(config);
        var annotations = new Dictionary<string, string> { ["org.opencontainers.image.revision"] = "abc", ["org.opencontainers.image.created"] = "2026-12-07T00:00:00Z" };

        var index = OciImageDocuments.Index([new(DigestA, 500, new OciImageDocuments.ImagePlatform("linux", "amd64", null)), new(DigestB, 501, platform)], annotations);
        var again = OciImageDocuments.Index([new(DigestA, 500, new OciImageDocuments.ImagePlatform("linux", "amd64", null)), new(DigestB, 501, platform)], annotations);

        var json = JsonNode.Parse(index)!;
        Assert.Multiple(() =>
        {
            Assert.That(platform.ToString(), Is.EqualTo("linux/arm64/v8"));
            Assert.That(json["mediaType"]!.GetValue<string>(), Is.EqualTo(OciMediaTypes.ImageIndex));
            Assert.That(json["manifests"]![1]!["digest"]!.GetValue<string>(), Is.EqualTo(DigestB.ToString()));
            Assert.That(json["manifests"]![1]!["platform"]!.ToJsonString(), Is.EqualTo("""{"architecture":"arm64","os":"linux","variant":"v8"}"""));
            Assert.That(json["manifests"]![0]!["platform"]!.ToJsonString(), Is.EqualTo("""{"architecture":"amd64","os":"linux"}"""));
            Assert.That(json["annotations"]!["org.opencontainers.image.revision"]!.GetValue<string>(), Is.EqualTo("abc"));
            Assert.That(DistributionClient.DigestOf(again), Is.EqualTo(DistributionClient.DigestOf(index)));
        });
    }

    [Test]
    public async Task A_layer_compresses_to_the_same_gzip_bytes_twice_whose_content_is_the_tar_and_whose_diff_id_is_the_tar_s_digest()
    {
        var tar = Write("layer.tar", string.Concat(Enumerable.Repeat("layer content ", 10_000)));

        using var first = await GzipLayerBlob.CompressAsync(tar, _folder.Path, CancellationToken.None);
        using var second = await GzipLayerBlob.CompressAsync(tar, _folder.Path, CancellationToken.None);

        await using var gzip = new GZipStream(File.OpenRead(first.Path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var content = await reader.ReadToEndAsync();
        Assert.Multiple(() =>
        {
            Assert.That(second.Digest, Is.EqualTo(first.Digest), "an unchanged layer keeps its digest, so an unchanged rebuild uploads nothing");
            Assert.That(first.Size, Is.LessThan(new FileInfo(tar).Length / 10));
            Assert.That(content, Is.EqualTo(File.ReadAllText(tar)));
            Assert.That(first.DiffId, Is.EqualTo(DistributionClient.DigestOf(File.ReadAllBytes(tar))));
        });
    }

    [Test]
    public void The_registry_s_Bearer_challenge_is_read_into_its_fields()
    {
        var fields = DistributionClient.ChallengeFields("realm=\"https://asia-docker.pkg.dev/v2/token\",service=\"asia-docker.pkg.dev\",scope=\"repository:p/r/app:pull,push\"");

        Assert.That(fields, Is.EqualTo(new Dictionary<string, string>
        {
            ["realm"] = "https://asia-docker.pkg.dev/v2/token",
            ["service"] = "asia-docker.pkg.dev",
            ["scope"] = "repository:p/r/app:pull,push",
        }));
    }

    [Test]
    public void The_result_table_and_the_result_file_carry_each_platform_s_digest_and_the_schema_accepts_them()
    {
        var result = new BuildAndPushResult
        {
            Image = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app:v1@" + DigestA),
            Digest = DigestA,
            Tags = ["v1"],
            ImageId = "sha256:" + new string('d', 64),
            Platforms =
            [
                new PlatformImage { Platform = "linux/amd64", Digest = DigestB, ImageId = "sha256:" + new string('d', 64) },
                new PlatformImage { Platform = "linux/arm64", Digest = DigestC, ImageId = "sha256:" + new string('e', 64) },
            ],
        };

        var json = RunResultJson.Serialize(new RunResult { Operations = ["BuildAndPush"], Images = [ResultMapping.Image(result)] });
        var image = JsonNode.Parse(json)!["images"]![0]!;
        var summary = GitHubStepSummary.Render("BuildAndPush", new RunResult { Operations = ["BuildAndPush"], Images = [ResultMapping.Image(result)] });
        Assert.Multiple(() =>
        {
            Assert.That(result.ToString(), Does.Contain($"linux/amd64 : {DigestB}\n").And.Contain($"linux/arm64 : {DigestC}\n"));
            Assert.That(image["digest"]!.GetValue<string>(), Is.EqualTo(DigestA.ToString()), "the index's");
            Assert.That(image["platforms"]!.AsArray().Select(p => p!.GetValue<string>()), Is.EqualTo(new[] { "linux/amd64", "linux/arm64" }));
            Assert.That(image["platformDigests"]!["linux/arm64"]!.GetValue<string>(), Is.EqualTo(DigestC.ToString()));
            Assert.That(ResultSchema.Violations(json), Is.Empty, json);
            Assert.That(summary, Does.Contain($"linux/arm64 `{DigestC}`"));
        });
    }

    private string Write(string name, string content)
    {
        var path = _folder.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }
}
