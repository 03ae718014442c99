using ArtifactRegistry.Hints;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// A tag the push names already exists in a repository with immutable tags, where it can never name another digest;
/// raised before the build, so no time is spent on an image the registry would refuse.
/// </summary>
public sealed class ImmutableTagException : InvalidOperationException
{
    internal ImmutableTagException(RepositoryName repository, IReadOnlyList<string> existingTags)
        : base($"{(existingTags.Count == 1 ? "The tag" : "The tags")} {string.Join(", ", existingTags)} already {(existingTags.Count == 1 ? "exists" : "exist")} " +
               $"in {repository}, which has immutable tags (dockerConfig.immutableTags): a tag, once pushed, keeps its digest, and a new build pushes " +
               "another one, so the registry would refuse the push; nothing was built. " +
               $"Either give this build a new tag ({SettingNames.ImageTags}, e.g. the version or the commit id), " +
               $"or push to a repository without immutable tags ({BuildImage}).")
    {
        Repository = repository;
        ExistingTags = existingTags;
        this.Naming(SettingNames.ImageTags, BuildImage);
    }

    private static SettingName BuildImage => SettingNames.BuildImage.With("LOCATION-docker.pkg.dev/PROJECT-ID/OTHER-REPOSITORY/IMAGE");

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);

    /// <summary>The repository with immutable tags.</summary>
    public RepositoryName Repository { get; }

    /// <summary>The tags that already exist there, as <c>IMAGE:TAG</c>.</summary>
    public IReadOnlyList<string> ExistingTags { get; }
}
