using ArtifactRegistry.Access;
using ArtifactRegistry.References;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// The tag plan for a repository with immutable tags, decided from the access preflight before the build: a tag there is
/// pushed once, so the default <c>latest</c>, which every build would move, is left out, and a tag the build asked for that already
/// exists is refused.
/// </summary>
internal static class ImmutableTags
{
    /// <param name="plan">The tags planned without knowing the repository.</param>
    /// <param name="defaultTags">Whether the plan holds the default tags (the build gave none).</param>
    /// <param name="access">What the preflight found in the image's repository (immutable tags, the existing ones).</param>
    /// <param name="image">The image, without tag.</param>
    /// <param name="logger">Told why <c>latest</c> is left out.</param>
    /// <exception cref="ImmutableTagException">A tag the build asked for already exists.</exception>
    public static ImageTagPlan Apply(ImageTagPlan plan, bool defaultTags, RepositoryAccess access, ImageReference image, ILogger logger)
    {
        var tags = plan.Tags.ToList();
        if (defaultTags && tags.Remove(ImageTagPlan.LatestTag))
            logger.LogInformation(
                "{Repository} has immutable tags: the default tag '{Latest}' is left out, since every build would move it and the registry refuses that; pushing as {Tags}",
                access.Repository, ImageTagPlan.LatestTag, string.Join(", ", tags));

        var existing = tags.Select(tag => $"{image.ImagePath}:{tag}").Where(access.MovingTags.Contains).ToList();
        if (existing.Count > 0 && !defaultTags)
            throw new ImmutableTagException(access.Repository, existing);

        // A default tag that exists is this commit's, pushed before: the build is reproducible (its created time is the
        // commit's), so an unchanged rerun pushes the same digest, which the registry accepts; refusing it would make every
        // rerun of a commit fail.
        if (existing.Count > 0)
            logger.LogInformation(
                "{Repository} has immutable tags and {Tags} already exist: this commit was pushed before, so the build must give the same digest (the registry refuses another)",
                access.Repository, string.Join(", ", existing));
        return plan with { Tags = tags };
    }
}
