using System.Net.Sockets;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Operations;

public class ServerLifecycleTests
{
    [Test]
    public async Task It_listens_on_loopback_ports_one_per_location_and_maps_the_canonical_hosts_to_them()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions().WithLocations("asia", "us", "europe"));

        Assert.Multiple(() =>
        {
            Assert.That(server.ApiEndpoint.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(server.TokenUri, Is.EqualTo(new Uri(server.ApiEndpoint, "token")));
            Assert.That(server.RegistryHostMap.Keys, Is.EquivalentTo(new[] { "asia-docker.pkg.dev", "us-docker.pkg.dev", "europe-docker.pkg.dev" }));
            Assert.That(server.RegistryHostMap["asia-docker.pkg.dev"], Is.EqualTo(server.RegistryHost("asia")));
            Assert.That(server.RegistryHostMap.Values.Append(server.ApiEndpoint.Authority).Distinct().Count(), Is.EqualTo(4));
            Assert.That(server.RegistryHost("us"), Does.StartWith("127.0.0.1:"));
        });
    }

    [Test]
    public async Task A_location_without_a_listener_is_refused_with_the_setting_that_adds_it()
    {
        await using var server = await SandboxServer.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => server.RegistryHost("mars"));

        Assert.That(error!.Message, Does.Contain("asia, us").And.Contain("SandboxOptions.Locations"));
    }

    [Test]
    public async Task Seeded_repositories_bring_their_location()
    {
        var seed = SandboxSeed.Default.AddRepository("sample-project", "europe-west1", "eu");
        await using var server = await SandboxServer.StartAsync(new SandboxOptions().WithSeed(seed).WithLocations("asia"));

        Assert.That(server.RegistryHostMap.Keys, Is.EquivalentTo(new[] { "asia-docker.pkg.dev", "europe-west1-docker.pkg.dev" }));
    }

    [Test]
    public async Task Disposing_stops_every_listener()
    {
        var server = await SandboxServer.StartAsync();
        var ports = server.RegistryHostMap.Values.Select(h => int.Parse(h.Split(':')[1])).Append(server.ApiEndpoint.Port).ToList();

        await server.DisposeAsync();

        foreach (var port in ports)
        {
            using var client = new TcpClient();
            await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port), $"port {port} still accepts connections");
        }
    }

    [Test]
    public async Task A_binding_on_a_repository_that_is_not_seeded_is_refused_with_the_fix()
    {
        var seed = SandboxSeed.Default.AddBinding("projects/sample-project/locations/asia/repositories/typo", "roles/artifactregistry.reader", "allUsers");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => SandboxServer.StartAsync(new SandboxOptions().WithSeed(seed)));

        Assert.That(error!.Message, Does.Contain("SandboxSeed.AddRepository"));
    }
}
