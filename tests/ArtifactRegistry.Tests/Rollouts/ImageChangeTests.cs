using ArtifactRegistry.References;
using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Tests.Rollouts;

public sealed class ImageChangeTests
{
    private const string Name = "asia-docker.pkg.dev/my-project/repo/api";
    private static readonly ImageDigest A = ImageDigest.FromSha256Hex(new string('a', 64));
    private static readonly ImageDigest B = ImageDigest.FromSha256Hex(new string('b', 64));
    private static readonly ImageReference Target = ImageReference.Parse($"{Name}:latest@{A}");

    private static ImageChange Change(string? current) => ImageChange.For(new PodTemplateContainer("api", current), Target);

    [Test]
    public void The_same_digest_of_the_same_image_is_unchanged_whatever_the_tag()
    {
        Assert.That(Change($"{Name}:abc1234@{A}").IsUnchanged, Is.True);
        Assert.That(Change($"{Name}@{A}").IsUnchanged, Is.True);
    }

    [Test]
    public void A_new_digest_under_the_same_tag_is_a_change_where_kubectl_set_image_sees_none()
    {
        var change = Change($"{Name}:latest@{B}");

        Assert.That(change.IsUnchanged, Is.False);
        Assert.That(change.PreviousDigest, Is.EqualTo(B));
    }

    [Test]
    public void An_unpinned_tag_is_always_a_change_as_its_digest_is_unknown()
    {
        var change = Change($"{Name}:latest");

        Assert.That(change.IsUnchanged, Is.False);
        Assert.That(change.PreviousDigest, Is.Null);
    }

    [Test]
    public void The_same_digest_in_another_repository_is_a_change() =>
        Assert.That(Change($"asia-docker.pkg.dev/my-project/other/api@{A}").IsUnchanged, Is.False);

    [Test]
    public void A_target_without_digest_is_refused() =>
        Assert.That(() => ImageChange.For(new PodTemplateContainer("api", null), ImageReference.Parse($"{Name}:1")), Throws.ArgumentException);

    [TestCase("docker-pullable://asia-docker.pkg.dev/my-project/repo/api@sha256:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "asia-docker.pkg.dev/my-project/repo/api", null)]
    [TestCase("localhost:5000/api:1.2", "localhost:5000/api", "1.2")]
    [TestCase("nginx", "nginx", null)]
    public void Images_as_pods_write_them_are_read_loosely(string text, string name, string? tag)
    {
        var image = ContainerImage.Read(text);

        Assert.That(image.Name, Is.EqualTo(name));
        Assert.That(image.Tag, Is.EqualTo(tag));
    }
}
