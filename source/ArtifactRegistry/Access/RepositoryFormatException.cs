using ArtifactRegistry.Iam;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Access;

/// <summary>The repository exists but does not hold docker images (gcloud refuses docker commands there too).</summary>
public sealed class RepositoryFormatException(RepositoryName repository, string? format)
    : Exception($"Repository {repository} has format {format ?? "(none)"}, not DOCKER, so docker cannot push to or pull from it. " +
                $"Use a DOCKER repository: create one with {GcloudCommands.CreateDockerRepository(repository).Replace(repository.RepositoryId + " ", repository.RepositoryId + "-docker ", StringComparison.Ordinal)} " +
                "and point the image references at it.")
{
    /// <summary>The repository that is not a DOCKER one.</summary>
    public RepositoryName Repository { get; } = repository;

    /// <summary>The repository's format (e.g. <c>MAVEN</c>), or null when it has none.</summary>
    public string? Format { get; } = format;
}
