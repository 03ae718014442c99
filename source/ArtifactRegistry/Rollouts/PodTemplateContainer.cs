namespace ArtifactRegistry.Rollouts;

/// <summary>A container of a workload's pod template: its name, its image as written, and whether it is an init container.</summary>
public sealed record PodTemplateContainer(string Name, string? Image, bool IsInit = false);
