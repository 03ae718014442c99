// Compiled into every test project by tests/Directory.Build.targets. Outside any namespace, so it wraps the whole assembly:
// every test runs with a private home, and the run fails under CI=true if the real home changed.
[SetUpFixture]
public sealed class PrivateHomeForThisRun : ArtifactRegistry.Testing.Isolation.PrivateHomeLifetime;
