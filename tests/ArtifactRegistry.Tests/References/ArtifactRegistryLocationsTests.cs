using ArtifactRegistry.References;

namespace ArtifactRegistry.Tests.References;

public class ArtifactRegistryLocationsTests
{
    [Test]
    public void The_table_holds_the_three_multi_regions_and_the_common_regions()
    {
        var multiRegions = ArtifactRegistryLocations.All.Where(l => l.Kind == ArtifactRegistryLocationKind.MultiRegion).Select(l => l.Id);

        Assert.Multiple(() =>
        {
            Assert.That(multiRegions, Is.EquivalentTo(new[] { "asia", "europe", "us" }));
            foreach (var region in new[] { "asia-northeast1", "us-central1", "europe-west1", "asia-southeast1", "us-east4" })
                Assert.That(ArtifactRegistryLocations.IsKnown(region), Is.True, region);
            Assert.That(ArtifactRegistryLocations.All.Select(l => l.Id), Is.Unique);
        });
    }

    [Test]
    public void A_location_knows_its_docker_host_and_describes_itself()
    {
        Assert.That(ArtifactRegistryLocations.TryGet("asia-northeast1", out var tokyo), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(tokyo!.DockerHost, Is.EqualTo("asia-northeast1-docker.pkg.dev"));
            Assert.That(tokyo.Describe(), Is.EqualTo("asia-northeast1 (Tokyo)"));
            Assert.That(tokyo.ToString(), Is.EqualTo("asia-northeast1"));
        });
    }

    [TestCase("asia-northeast-1", "asia-northeast1")]
    [TestCase("US", "us")]
    [TestCase("us-central1-a", "us-central1")]
    [TestCase("Tokyo", "asia-northeast1")]
    [TestCase("europe-wset1", "europe-west1")]
    [TestCase("eu", "europe")]
    [TestCase("asia-southeast-1", "asia-southeast1")]
    public void The_nearest_known_location_is_suggested_for_a_near_miss(string given, string nearest)
    {
        Assert.That(ArtifactRegistryLocations.FindNearest(given)?.Id, Is.EqualTo(nearest));
    }

    [Test]
    public void Nothing_is_suggested_when_nothing_is_close()
    {
        Assert.That(ArtifactRegistryLocations.FindNearest("atlantis-underwater7"), Is.Null);
    }

    [TestCase("europe-west15")]
    [TestCase("asia-northeast4")]
    [TestCase("us-north1")]
    [TestCase("antarctica-south1")]
    public void A_well_formed_region_the_table_lacks_is_taken_as_a_new_one(string region)
    {
        Assert.Multiple(() =>
        {
            Assert.That(ArtifactRegistryLocations.IsKnown(region), Is.False);
            Assert.That(ArtifactRegistryLocations.IsUnlisted(region), Is.True);
            Assert.That(ArtifactRegistryLocations.DescribeUnknown(region), Is.Null, "accepted");
            Assert.That(ArtifactRegistryLocations.DescribeUnlisted(region), Is.EqualTo(
                $"'{region}' is not in this library's location table (rows as of 2026-11-21); it is taken as a region Google added since. " +
                "If it is a typo, `gcloud artifacts locations list` shows every location."));
        });
    }

    [TestCase("asia-northest1", "asia-northeast1")]
    [TestCase("europe-wset1", "europe-west1")]
    [TestCase("us-centrl1", "us-central1")]
    [TestCase("asia-northeast-1", "asia-northeast1")]
    [TestCase("us-central", "us-central1")]
    public void A_near_miss_of_a_known_location_stays_refused_with_the_suggestion(string given, string meant)
    {
        Assert.Multiple(() =>
        {
            Assert.That(ArtifactRegistryLocations.IsUnlisted(given), Is.False);
            Assert.That(ArtifactRegistryLocations.DescribeUnknown(given), Does.Contain($"Did you mean '{meant}'"));
        });
    }

    [TestCase("asia")]
    [TestCase("asia-northeast1")]
    [TestCase("Europe-West15")]
    [TestCase("atlantis")]
    public void Known_and_malformed_locations_are_not_unlisted_ones(string location)
    {
        Assert.That(ArtifactRegistryLocations.IsUnlisted(location), Is.False);
    }
}
