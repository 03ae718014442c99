namespace ArtifactRegistry.Testing.Isolation;

/// <summary>
/// Gives the test run a private home (<see cref="TestRunHome"/>) before any test starts and, after the last one, checks that
/// the real home's watched folders (<see cref="HomeSnapshot.Watched"/>) are exactly as they were. A change fails the run under
/// CI=true; elsewhere it is reported as a warning, since the developer's own kubectl or gcloud may write there meanwhile.
/// </summary>
/// <remarks>
/// tests/Directory.Build.targets compiles a set-up fixture derived from this class into every test project, outside any
/// namespace, so it wraps the whole assembly; a test project declares nothing.
/// </remarks>
public abstract class PrivateHomeLifetime
{
    [OneTimeSetUp]
    public void UsePrivateHome() => TestRunHome.Enter();

    [OneTimeTearDown]
    public void CheckRealHomeUnchanged()
    {
        var realHome = TestRunHome.RealDirectory;
        var changes = TestRunHome.Leave();
        if (changes.Count == 0)
            return;

        const int shown = 40;
        var message =
            $"This test run changed the real home {realHome}, which no test may touch:{Environment.NewLine}  " +
            string.Join(Environment.NewLine + "  ", changes.Take(shown)) +
            (changes.Count > shown ? $"{Environment.NewLine}  … and {changes.Count - shown} more" : "") + Environment.NewLine +
            "A program started by a test was given the real home (a HOME, XDG_*, KUBECACHEDIR, DOCKER_CONFIG or CLOUDSDK_CONFIG " +
            "naming it), or a test wrote there itself. Run programs through the fixtures (ExternalProgram, GcloudCli, DockerCli) or " +
            "give them a PrivateHome's EnvironmentVariables; never pass the real home's paths.";
        if (Prerequisites.InContinuousIntegration)
            Assert.Fail(message);
        Assert.Warn(message + " (A failure under CI=true; here another program may have written there meanwhile.)");
    }
}
