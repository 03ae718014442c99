using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.IntegrationTests.DockerAuth;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Testing.Docker;

namespace ArtifactRegistry.IntegrationTests.Locations;

/// <summary>
/// A region Google added after the location table (made up here: europe-west15): the reference is accepted, EnsureDockerAuth
/// warns once, and the real docker pushes to it through the host map.
/// </summary>
public sealed class UnlistedRegionTests
{
    private const string Region = "europe-west15";
    private const string Host = Region + "-docker.pkg.dev";

    [Test]
    public async Task A_made_up_well_formed_region_is_accepted_with_one_warning_and_pushed_to_through_the_host_map()
    {
        await using var world = await AuthWorld.StartAsync(new SandboxOptions().WithLocations("asia", "us", Region));
        world.Sandbox.CreateRepository(AuthWorld.Project, Region, "apps");
        var gcloud = world.Gcloud(SandboxPrincipals.Admin);
        var docker = world.Docker(gcloud);
        var image = $"{Host}/{AuthWorld.Project}/apps/web:v1";
        var actual = world.HostMap.Resolve(Host) + image[Host.Length..];

        var result = await EnsureDockerAuth.RunAsync(world.Context(docker, gcloud), AuthWorld.Settings(image, image.Replace(":v1", ":v2")));
        await using var session = result.Session;
        await ScratchImage.BuildAsync(world.Engine, "unlisted region " + Guid.NewGuid(), actual);
        var push = await docker.RunAsync("push", actual);

        Assert.Multiple(() =>
        {
            Assert.That(world.HostMap.Resolve(Host), Does.StartWith("127.0.0.1:"), "the sandbox listens for the new region");
            Assert.That(push.ExitCode, Is.Zero, push.StandardError);
            Assert.That(result.Repositories.Single().Repository.LocationId, Is.EqualTo(Region));
            Assert.That(world.Log.Lines.Where(line => line.StartsWith("Warning:", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                $"Warning: EnsureDockerAuth: '{Region}' is not in this library's location table (rows as of 2026-11-21); it is taken as a region Google added since. " +
                "If it is a typo, `gcloud artifacts locations list` shows every location.",
            }), "one warning for two images of the region");
        });
    }
}
