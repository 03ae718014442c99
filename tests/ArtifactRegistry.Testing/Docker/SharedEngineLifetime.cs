namespace ArtifactRegistry.Testing.Docker;

/// <summary>
/// Stops the shared <see cref="PrivateDockerd"/> when the test run ends. NUnit only discovers set-up fixtures in the
/// test assembly itself, so each test project declares one, outside any namespace to cover the whole assembly:
/// <code>[SetUpFixture] public sealed class AssemblyLifetime : SharedEngineLifetime;</code>
/// </summary>
public abstract class SharedEngineLifetime
{
    [OneTimeTearDown]
    public async Task StopSharedDockerEngine() => await PrivateDockerd.StopSharedAsync();
}
