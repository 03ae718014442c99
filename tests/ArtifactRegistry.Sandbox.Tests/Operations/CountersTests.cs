using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Operations;

public class CountersTests
{
    [Test]
    public async Task Each_request_is_counted_under_its_route_including_refused_and_faulted_ones()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.PushAsync("counted");
        await sandbox.GetAsync("v1/" + TestSandbox.RepositoryResource, SandboxPrincipals.Viewer);
        sandbox.Server.Faults.FailNext(1, SandboxFault.Throttle, SandboxFaultScope.Rest);
        await sandbox.GetAsync("v1/" + TestSandbox.RepositoryResource, SandboxPrincipals.Deployer);

        var counters = sandbox.Server.Counters;
        Assert.Multiple(() =>
        {
            Assert.That(counters[SandboxRoutes.UploadsStart], Is.EqualTo(2));
            Assert.That(counters[SandboxRoutes.ManifestsPut], Is.EqualTo(1));
            Assert.That(counters[SandboxRoutes.RepositoriesGet], Is.EqualTo(2));
            Assert.That(counters.WithPrefix(SandboxRoutes.RegistryPrefix), Is.EqualTo(counters[SandboxRoutes.UploadsStart] + counters[SandboxRoutes.ManifestsPut] + counters[SandboxRoutes.RegistryToken]));
            Assert.That(counters.Snapshot(), Does.ContainKey(SandboxRoutes.RegistryToken));
        });

        counters.Reset();
        Assert.That(counters.Total, Is.Zero);
    }
}
