using ArtifactRegistry.Publishing;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Tests.Publishing;

public sealed class DigestAgreementTests
{
    private static readonly ImageReference Image = ImageReference.Parse("asia-docker.pkg.dev/sample-project/sample/app");
    private static readonly ImageDigest A = ImageDigest.FromSha256Hex(new string('a', 64));
    private static readonly ImageDigest B = ImageDigest.FromSha256Hex(new string('b', 64));
    private static readonly string[] Tags = ["abc1234", "latest"];

    [Test]
    public void Tags_that_docker_and_the_registry_agree_on_give_their_digest() =>
        Assert.That(DigestAgreement.Confirm(Image, Tags, [A, A], [A, A]), Is.EqualTo(A));

    [Test]
    public void Without_a_digest_line_from_docker_the_registrys_digest_is_taken_when_all_tags_agree() =>
        Assert.That(DigestAgreement.Confirm(Image, Tags, [null, null], [B, B]), Is.EqualTo(B));

    [Test]
    public void Two_pushes_reporting_different_digests_fail_loudly_naming_each_tag()
    {
        var exception = Assert.Throws<DigestMismatchException>(() => DigestAgreement.OfPushes(Image, Tags, [A, B]));

        Assert.That(exception!.Message, Does.StartWith("The tags pushed for asia-docker.pkg.dev/sample-project/sample/app do not resolve to one digest"));
        Assert.That(exception.Message, Does.Contain($":abc1234 → {A} (docker push)").And.Contain($":latest → {B} (docker push)"));
        Assert.That(exception.Message, Does.Contain("Another build probably pushed the same tags"));
    }

    [Test]
    public void A_tag_the_registry_moved_elsewhere_fails_loudly()
    {
        var exception = Assert.Throws<DigestMismatchException>(() => DigestAgreement.Confirm(Image, Tags, [A, A], [A, B]));

        Assert.That(exception!.Message, Does.Contain($":latest → {B} (registry)"));
    }

    [Test]
    public void A_tag_missing_from_the_registry_fails_loudly()
    {
        var exception = Assert.Throws<DigestMismatchException>(() => DigestAgreement.Confirm(Image, Tags, [A, A], [A, null]));

        Assert.That(exception!.Message, Does.Contain(":latest → (no such tag) (registry)"));
        Assert.That(exception.Message, Does.Contain("The REST API does not know :latest, which docker has just pushed")
            .And.Not.Contain("Another build"), "a missing tag points at two registries, not at a race");
    }
}
