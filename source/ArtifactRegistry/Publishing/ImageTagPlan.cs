using ArtifactRegistry.Hints;
using ArtifactRegistry.Git;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// The tags one push gives an image, decided before the build: explicit tags, or by default the commit (<c>abc1234</c>,
/// <c>abc1234-dirty</c> with local changes, as skaffold's <c>gitCommit</c> tagger) and <c>latest</c>; plus the git tags on
/// HEAD when the work tree is clean.
/// </summary>
/// <param name="Tags">In push order, without duplicates; never empty.</param>
/// <param name="Notes">Why a git tag on HEAD was left out, for the log.</param>
internal sealed record ImageTagPlan(IReadOnlyList<string> Tags, IReadOnlyList<string> Notes)
{
    public const string LatestTag = "latest";

    /// <param name="explicitTags">Tags the build asked for; empty means the default tags.</param>
    /// <param name="includeGitTagsOnHead">Whether the git tags pointing at HEAD are added.</param>
    /// <param name="git">The work tree's state, or null when git could not tell (<paramref name="gitProblem"/> says why).</param>
    /// <exception cref="InvalidImageTagException">An explicit tag is not a Docker tag.</exception>
    /// <exception cref="GitUnavailableException">Default tags were asked for but git could not tell the commit.</exception>
    public static ImageTagPlan Create(
        IReadOnlyList<string> explicitTags, bool includeGitTagsOnHead, GitWorkTreeState? git, GitUnavailableException? gitProblem = null)
    {
        ValidateExplicitTags(explicitTags);

        var tags = new List<string>();
        if (explicitTags.Count > 0)
        {
            tags.AddRange(explicitTags);
        }
        else if (git is null)
        {
            throw gitProblem ?? new GitUnavailableException(".", $"No image tags were given and the git state is unknown, so the default tag (the commit id) cannot be made. Give the tags explicitly ({SettingNames.ImageTags}).").Naming(SettingNames.ImageTags);
        }
        else
        {
            tags.Add(git.CommitTag);
            tags.Add(LatestTag);
        }

        var notes = new List<string>();
        if (includeGitTagsOnHead && git is not null)
        {
            foreach (var gitTag in git.TagsOnHead)
            {
                if (git.IsDirty)
                    notes.Add($"Git tag '{gitTag}' on HEAD was not used: the work tree has changes, so this image is not what '{gitTag}' names.");
                else if (TagRules.FindDockerTagViolation(gitTag) is { } violation)
                    notes.Add($"Git tag '{gitTag}' on HEAD was not used: {violation}.");
                else
                    tags.Add(gitTag);
            }
        }
        return new ImageTagPlan(tags.Distinct(StringComparer.Ordinal).ToList(), notes);
    }

    /// <summary>Refuses every tag that breaks the Docker tag grammar, all named in one message.</summary>
    /// <exception cref="InvalidImageTagException">At least one tag is invalid.</exception>
    public static void ValidateExplicitTags(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var invalid = tags.Select(tag => (Tag: tag, Problem: TagRules.FindDockerTagViolation(tag))).Where(check => check.Problem is not null).ToList();
        if (invalid.Count > 0)
            throw new InvalidImageTagException(invalid.Select(check => check.Tag).ToList(), invalid.Select(check => check.Problem!).ToList());
    }
}
