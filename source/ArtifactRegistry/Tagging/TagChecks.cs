using ArtifactRegistry.Hints;
using ArtifactRegistry.Access;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Tagging;

/// <summary>What tagging and single deletes check with the registry before they change anything.</summary>
internal static class TagChecks
{
    /// <summary>Refuses a tag change in a repository with immutable tags, before the change is sent.</summary>
    /// <exception cref="ImmutableTagsException">The repository forbids it.</exception>
    public static async Task RequireMutableTagsAsync(ArtifactRegistryClient client, RepositoryName repository, string tag, string change, CancellationToken cancellationToken)
    {
        var settings = await client.GetRepositoryAsync(repository, cancellationToken).ConfigureAwait(false);
        if (settings.DockerConfig?.ImmutableTags == true)
            throw new ImmutableTagsException(repository, tag, change);
    }

    /// <summary>
    /// A refusal of a tag change, explained: PERMISSION_DENIED names who lacks which permission and the grant that fixes it;
    /// when the repository turned immutable between the check and the change, the registry's FAILED_PRECONDITION becomes
    /// <see cref="ImmutableTagsException"/>; anything else stays as it was.
    /// </summary>
    /// <param name="change"><c>create</c>, <c>move</c> or <c>delete</c>.</param>
    public static async Task<Exception> ExplainAsync(ArtifactRegistryClient client, ArtifactRegistryApiException refusal, RepositoryName repository, string tag, string change, CancellationToken cancellationToken)
    {
        if (refusal.IsPermissionDenied)
            return PermissionRefusals.Explain(client, refusal, repository, PermissionFor(change), $"{change} tag {tag}");
        if (refusal.GoogleStatus != "FAILED_PRECONDITION")
            return refusal;
        try
        {
            await RequireMutableTagsAsync(client, repository, tag, change, cancellationToken).ConfigureAwait(false);
            return refusal;
        }
        catch (ImmutableTagsException immutable)
        {
            return immutable;
        }
    }

    private static string PermissionFor(string change) => change switch
    {
        "create" => ArtifactRegistryPermissions.CreateTag,
        "move" => ArtifactRegistryPermissions.UpdateTag,
        _ => ArtifactRegistryPermissions.DeleteTag,
    };

    /// <summary>Docker's tag grammar, checked before any call.</summary>
    /// <exception cref="InvalidImageTagException">A tag docker cannot name.</exception>
    public static void ValidateTags(IReadOnlyList<string> tags) => ImageTagPlan.ValidateExplicitTags(tags);

    /// <summary>The digest <paramref name="image"/> names: its own, or its tag's (tags.get).</summary>
    /// <exception cref="SettingsException">The tag does not exist; the message says how to list the ones that do.</exception>
    public static async Task<ImageDigest> ResolveAsync(ArtifactRegistryClient client, ImageReference image, CancellationToken cancellationToken)
    {
        if (image.HasDigest)
            return image.Digest;
        var tag = await client.FindTagAsync(image.TagName, cancellationToken).ConfigureAwait(false);
        return tag?.Version is { } version
            ? VersionName.Parse(version).Digest
            : throw new SettingsException($"{image} does not exist: {image.PackageName.ImagePath} has no tag {image.Tag}. The tags it has: gcloud artifacts docker tags list {image.Name}.");
    }

    /// <summary>Every tag pointing at <paramref name="version"/> (tags.list filtered by version).</summary>
    public static async Task<IReadOnlyList<string>> TagsOfAsync(ArtifactRegistryClient client, VersionName version, CancellationToken cancellationToken)
    {
        var tags = new List<string>();
        await foreach (var tag in client.ListTagsAsync(version.PackageName, $"version=\"{version}\"", cancellationToken: cancellationToken).ConfigureAwait(false))
            if (tag.Name is not null && TagName.TryParse(tag.Name, out var name))
                tags.Add(name.TagId);
        return tags;
    }
}
