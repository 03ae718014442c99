using ArtifactRegistry.Configuration;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Tests.Registry;

public class ResourceManagerEndpointTests
{
    [Test]
    public void Without_gcloud_s_override_project_policies_are_read_from_Google()
    {
        Assert.That(ResourceManagerEndpoint.FromEnvironment(_ => null), Is.EqualTo(new Uri("https://cloudresourcemanager.googleapis.com/v1/")));
    }

    [TestCase("http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1/")]
    [TestCase("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/")]
    [TestCase("http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/v1/")]
    public void Gcloud_s_override_is_honoured_as_gcloud_reads_it(string value, string expected)
    {
        var root = ResourceManagerEndpoint.FromEnvironment(name => name == "CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER" ? value : null);

        Assert.That(root, Is.EqualTo(new Uri(expected)));
    }

    [Test]
    public void An_override_that_is_not_a_URL_is_named_with_the_fix()
    {
        var error = Assert.Throws<ConfigurationException>(() => ResourceManagerEndpoint.FromEnvironment(_ => "localhost:8080"))!;

        Assert.That(error.Message.Split(Environment.NewLine)[0], Is.EqualTo("CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER='localhost:8080' is not an http(s) URL."));
        Assert.That(error.Message, Does.Contain("or unset it to use https://cloudresourcemanager.googleapis.com/"));
    }
}
