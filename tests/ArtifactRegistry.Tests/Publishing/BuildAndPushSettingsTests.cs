using ArtifactRegistry.Docker;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Tests.Publishing;

public sealed class BuildAndPushSettingsTests
{
    [Test]
    public void Docker_build_and_push_settings_chain_in_one_expression_and_keep_their_type()
    {
        BuildAndPushSettings settings = new BuildAndPushSettings()
            .SetImage("asia-docker.pkg.dev/my-project/repo/app")
            .SetContextDirectory("src/app")
            .AddBuildArg("VERSION", "1")
            .SetTags("v1")
            .AddTags("stable")
            .DisableGitTagsOnHead();

        Assert.That(settings.Image, Is.EqualTo("asia-docker.pkg.dev/my-project/repo/app"));
        Assert.That(settings.ContextDirectory, Is.EqualTo("src/app"));
        Assert.That(settings.Tags, Is.EqualTo(new[] { "v1", "stable" }));
        Assert.That(settings.GitTagsOnHead, Is.False);
        Assert.That(settings.ClearTags().Tags, Is.Empty);
    }

    [Test]
    public void The_access_preflight_is_switched_for_the_EnsureDockerAuth_that_runs_first()
    {
        var settings = new BuildAndPushSettings().DisableAccessPreflight();

        Assert.That(settings.DockerAuthSettings.AccessPreflight, Is.False);
        Assert.That(settings.EnableAccessPreflight().DockerAuthSettings.AccessPreflight, Is.True);
    }

    [Test]
    public void The_result_reads_as_a_table_with_the_pinned_image_and_the_overhead()
    {
        var digest = ImageDigest.FromSha256Hex(new string('c', 64));
        var result = new BuildAndPushResult
        {
            Image = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app:abc1234").WithDigest(digest),
            Digest = digest,
            Tags = ["abc1234", "latest"],
            ImageId = "sha256:" + new string('d', 64),
            ImageSizeBytes = 2048,
            LayersPushed = 1,
            LayersAlreadyPresent = 0,
            VerifiedWithRegistry = true,
            BuildDuration = TimeSpan.FromMilliseconds(1500),
            PushDuration = TimeSpan.FromMilliseconds(200),
            TotalDuration = TimeSpan.FromMilliseconds(1750),
        };

        Assert.That(result.Overhead, Is.EqualTo(TimeSpan.FromMilliseconds(50)));
        Assert.That(result.PinnedImage.ToString(), Is.EqualTo($"asia-docker.pkg.dev/my-project/repo/app@{digest}"));
        Assert.That(result.TaggedImages.Select(image => image.ToString()), Is.EqualTo(new[]
        {
            "asia-docker.pkg.dev/my-project/repo/app:abc1234", "asia-docker.pkg.dev/my-project/repo/app:latest",
        }));
        Assert.That(result.ToString(), Is.EqualTo(
            $"image    : asia-docker.pkg.dev/my-project/repo/app:abc1234@{digest}\n" +
            $"digest   : {digest}\n" +
            "tags     : abc1234, latest\n" +
            "size     : 2.0 KiB\n" +
            "layers   : 1 uploaded, 0 already in the registry\n" +
            "verified : every tag resolves to the digest in the registry\n" +
            "duration : build 1.500 s, push 0.200 s, overhead 0.050 s, total 1.750 s"));
    }
}
