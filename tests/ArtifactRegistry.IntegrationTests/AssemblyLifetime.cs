using ArtifactRegistry.Testing.Docker;

// Everything here drives Linux programs (dockerd, docker, gcloud) and Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

/// <summary>Stops the private dockerd shared by this assembly's tests when the run ends.</summary>
[SetUpFixture]
public sealed class AssemblyLifetime : SharedEngineLifetime;
