using ArtifactRegistry.References;

namespace ArtifactRegistry.Tests.References;

/// <summary>Container Registry names that Artifact Registry now serves: HOST/PROJECT/IMAGE, repository named after the host.</summary>
public class GcrDomainReferenceTests
{
    private static readonly object[] Domains =
    [
        new object[] { "gcr.io", "us" },
        new object[] { "us.gcr.io", "us" },
        new object[] { "eu.gcr.io", "europe" },
        new object[] { "asia.gcr.io", "asia" },
    ];

    [TestCaseSource(nameof(Domains))]
    public void A_host_project_image_name_on_a_gcr_domain_is_valid_and_maps_to_the_repository_named_after_the_host(string host, string location)
    {
        var reference = ImageReference.Parse($"{host}/my-project/team/app:v1");

        Assert.Multiple(() =>
        {
            Assert.That(reference.IsGcrHost, Is.True);
            Assert.That(reference.Location, Is.EqualTo(location));
            Assert.That(reference.Repository, Is.EqualTo(host));
            Assert.That(reference.ImagePath, Is.EqualTo("team/app"));
            Assert.That(reference.RepositoryName.ToString(), Is.EqualTo($"projects/my-project/locations/{location}/repositories/{host}"));
            Assert.That(reference.TagName.ToString(), Is.EqualTo($"projects/my-project/locations/{location}/repositories/{host}/packages/team%2Fapp/tags/v1"));
        });
    }

    [TestCaseSource(nameof(Domains))]
    public void A_gcr_repository_name_turns_back_into_a_reference_on_its_own_host(string host, string location)
    {
        var repository = RepositoryName.FromProjectLocationRepository("my-project", location, host);

        Assert.Multiple(() =>
        {
            Assert.That(repository.IsGcrRepository, Is.True);
            Assert.That(repository.DockerHost, Is.EqualTo(host));
            Assert.That(repository.DockerPath, Is.EqualTo($"{host}/my-project"));
            Assert.That(repository.ToImageReference("app").ToString(), Is.EqualTo($"{host}/my-project/app"));
        });
    }

    [Test]
    public void Gcr_io_slash_project_slash_image_is_repository_gcr_io_in_location_us()
    {
        var reference = ImageReference.Parse("gcr.io/my-project/img");

        Assert.Multiple(() =>
        {
            Assert.That(reference.Location, Is.EqualTo("us"));
            Assert.That(reference.Repository, Is.EqualTo("gcr.io"));
            Assert.That(reference.ImagePath, Is.EqualTo("img"));
            Assert.That(reference.Name, Is.EqualTo("gcr.io/my-project/img"));
        });
    }

    [Test]
    public void A_gcr_repository_in_the_wrong_location_is_refused_with_its_real_location()
    {
        var exception = Assert.Throws<InvalidResourceNameException>(() => RepositoryName.FromProjectLocationRepository("my-project", "asia", "eu.gcr.io"));

        Assert.That(exception!.Message, Does.Contain("the eu.gcr.io repository always lives in location 'europe', not 'asia'"));
    }

    [Test]
    public void The_gcr_domains_are_exactly_the_four_that_Artifact_Registry_serves()
    {
        Assert.That(GcrDomains.All, Is.EquivalentTo(new[] { "gcr.io", "us.gcr.io", "eu.gcr.io", "asia.gcr.io" }));
    }
}
