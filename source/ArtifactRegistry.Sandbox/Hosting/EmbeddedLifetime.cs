using Microsoft.Extensions.Hosting;

namespace ArtifactRegistry.Sandbox.Hosting;

/// <summary>
/// The sandbox lives inside someone else's process (tests, a build): it must not take over Ctrl-C or SIGTERM the way the
/// default console lifetime does. Its owner stops it by disposing it.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
