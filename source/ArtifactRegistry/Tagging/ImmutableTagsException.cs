using ArtifactRegistry.References;

namespace ArtifactRegistry.Tagging;

/// <summary>The repository has immutable tags, so a tag can be neither moved nor deleted; nothing was changed.</summary>
public sealed class ImmutableTagsException(RepositoryName repository, string tag, string change)
    : Exception($"Cannot {change} tag {tag}: repository {repository.DockerPath} has immutable tags (dockerConfig.immutableTags), which " +
                "forbids moving and deleting tags. Nothing was changed. Use a new tag instead, or, if tags there are meant to move, turn it off: " +
                $"gcloud artifacts repositories update {repository.RepositoryId} --location={repository.LocationId} --project={repository.ProjectId} --no-immutable-tags.")
{
    /// <summary>The repository with immutable tags.</summary>
    public RepositoryName Repository { get; } = repository;

    /// <summary>The tag that could not be moved or deleted.</summary>
    public string Tag { get; } = tag;
}
