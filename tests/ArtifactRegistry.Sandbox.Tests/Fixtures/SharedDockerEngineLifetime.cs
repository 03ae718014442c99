using ArtifactRegistry.Testing.Docker;

// Outside any namespace: stops the shared private dockerd once, after every test of this assembly has run.
[SetUpFixture]
public sealed class SharedDockerEngineLifetime : SharedEngineLifetime;
