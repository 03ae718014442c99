using System.Text;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Tests.References;

public class ImageDigestTests
{
    private const string Hex = "015d97e86f5a02f115710610fd9e96956ba2018567421f86a438bf77e581b75a";

    [Test]
    public void I_can_parse_a_sha256_digest()
    {
        var digest = ImageDigest.Parse($"sha256:{Hex}");

        Assert.Multiple(() =>
        {
            Assert.That(digest.Algorithm, Is.EqualTo("sha256"));
            Assert.That(digest.Hex, Is.EqualTo(Hex));
            Assert.That(digest.ToString(), Is.EqualTo($"sha256:{Hex}"));
            Assert.That(digest.ToShortString(), Is.EqualTo("sha256:015d97e86f5a"));
            Assert.That(ImageDigest.FromSha256Hex(Hex), Is.EqualTo(digest));
        });
    }

    [Test]
    public void Computing_a_digest_hashes_the_exact_bytes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ImageDigest.Compute([]).ToString(),
                Is.EqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
            Assert.That(ImageDigest.Compute(Encoding.UTF8.GetBytes("abc")).Hex,
                Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        });
    }

    [TestCase("sha256:abc", "has 3 hex digits; a sha256 digest has exactly 64")]
    [TestCase("sha256:" + Hex + "00", "has 66 hex digits")]
    [TestCase("sha512:" + Hex, "uses algorithm 'sha512', but Artifact Registry digests are always sha256")]
    [TestCase("SHA256:" + Hex, "must name its algorithm in lowercase: sha256:" + Hex)]
    [TestCase("sha256:015D97E86F5A02F115710610FD9E96956BA2018567421F86A438BF77E581B75A", "uppercase hex digits", TestName = "An uppercase digest is refused with its lowercase form")]
    [TestCase(Hex, "lacks its algorithm: write sha256:" + Hex)]
    [TestCase("sha256:" + "g15d97e86f5a02f115710610fd9e96956ba2018567421f86a438bf77e581b75a", "contains 'g', which is not hex")]
    [TestCase("", "The digest is empty. A digest is sha256: followed by 64 lowercase hex digits")]
    [TestCase("latest", "'latest' is not a digest")]
    public void A_malformed_digest_is_refused_with_what_is_wrong(string text, string phrase)
    {
        var parsed = ImageDigest.TryParse(text, out var digest, out var problem);
        var exception = Assert.Throws<InvalidImageDigestException>(() => ImageDigest.Parse(text));

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.False);
            Assert.That(digest, Is.Null);
            Assert.That(problem, Does.Contain(phrase));
            Assert.That(exception!.Message, Is.EqualTo(problem));
        });
    }

    [Test]
    public void Digests_are_equal_by_value()
    {
        var a = ImageDigest.Parse($"sha256:{Hex}");
        var b = ImageDigest.FromSha256Hex(Hex);

        Assert.Multiple(() =>
        {
            Assert.That(a == b, Is.True);
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
            Assert.That(a == ImageDigest.Compute([]), Is.False);
        });
    }
}
