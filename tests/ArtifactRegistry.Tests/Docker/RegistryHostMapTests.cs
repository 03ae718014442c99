using ArtifactRegistry.Configuration;
using ArtifactRegistry.Docker;

namespace ArtifactRegistry.Tests.Docker;

public class RegistryHostMapTests
{
    [Test]
    public void I_can_map_the_canonical_hosts_to_local_ports()
    {
        var map = RegistryHostMap.Parse("asia-docker.pkg.dev=127.0.0.1:5001, us-docker.pkg.dev=127.0.0.1:5002");

        Assert.That(map.Resolve("asia-docker.pkg.dev"), Is.EqualTo("127.0.0.1:5001"));
        Assert.That(map.Resolve("us-docker.pkg.dev"), Is.EqualTo("127.0.0.1:5002"));
        Assert.That(map.CanonicalHostOf("127.0.0.1:5002"), Is.EqualTo("us-docker.pkg.dev"));
        Assert.That(map.ToString(), Is.EqualTo("asia-docker.pkg.dev=127.0.0.1:5001,us-docker.pkg.dev=127.0.0.1:5002"));
    }

    [Test]
    public void A_host_that_is_not_mapped_stays_itself()
    {
        var map = RegistryHostMap.Parse("asia-docker.pkg.dev=127.0.0.1:5001");

        Assert.That(map.Resolve("europe-docker.pkg.dev"), Is.EqualTo("europe-docker.pkg.dev"));
        Assert.That(map.CanonicalHostOf("ghcr.io"), Is.EqualTo("ghcr.io"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void No_map_is_the_identity(string? text)
    {
        var map = RegistryHostMap.Parse(text);

        Assert.That(map.IsIdentity, Is.True);
        Assert.That(map.Resolve("asia-docker.pkg.dev"), Is.EqualTo("asia-docker.pkg.dev"));
    }

    [TestCase("asia-docker.pkg.dev")]
    [TestCase("asia-docker.pkg.dev=")]
    [TestCase("asia-docker.pkg.dev=http://127.0.0.1:5001")]
    [TestCase("a=b=c")]
    public void A_malformed_entry_is_refused_with_the_expected_form(string text)
    {
        var error = Assert.Throws<ConfigurationException>(() => RegistryHostMap.Parse(text))!;

        Assert.That(error.Message.Split(Environment.NewLine)[0], Does.StartWith("ARTIFACT_REGISTRY_HOST_MAP has an entry").And.Contain("CANONICAL_HOST=ACTUAL_HOST"));
        Assert.That(error.Message, Does.Contain("unset it to talk to the real hosts"));
    }

    [Test]
    public void A_host_mapped_twice_is_refused()
    {
        var error = Assert.Throws<ConfigurationException>(() => RegistryHostMap.Parse("asia-docker.pkg.dev=127.0.0.1:1,asia-docker.pkg.dev=127.0.0.1:2"))!;

        Assert.That(error.Message.Split(Environment.NewLine)[0], Is.EqualTo("ARTIFACT_REGISTRY_HOST_MAP maps 'asia-docker.pkg.dev' twice."));
        Assert.That(error.Message, Does.Contain("Keep one entry for asia-docker.pkg.dev"));
    }
}
