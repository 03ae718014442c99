namespace ArtifactRegistry.Docker;

/// <summary>One Dockerfile step as the builders announce it.</summary>
/// <param name="Number">1-based step number (within its stage for buildx).</param>
/// <param name="Count">How many steps (in its stage for buildx).</param>
/// <param name="Instruction">The instruction, e.g. <c>RUN apk add curl</c>.</param>
/// <param name="Stage">The buildx stage name, or null.</param>
internal sealed record DockerBuildStep(int Number, int Count, string Instruction, string? Stage)
{
    public override string ToString() => Stage is null ? $"step {Number}/{Count}: {Instruction}" : $"step {Number}/{Count} of {Stage}: {Instruction}";
}
