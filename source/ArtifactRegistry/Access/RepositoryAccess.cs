using ArtifactRegistry.References;

namespace ArtifactRegistry.Access;

/// <summary>What the preflight established for one repository.</summary>
/// <param name="Repository">The repository.</param>
/// <param name="RequiredPermissions">The permissions the build needs there.</param>
/// <param name="HeldPermissions">The permissions Artifact Registry confirmed (all the required ones, when the check passed).</param>
/// <param name="MovingTags">Tags that already exist and will move (they need <c>tags.update</c>); in a repository with immutable tags, the existing tags a push names, which cannot move.</param>
/// <param name="Created">Whether the preflight created the repository.</param>
public sealed record RepositoryAccess(
    RepositoryName Repository,
    IReadOnlyList<string> RequiredPermissions,
    IReadOnlyList<string> HeldPermissions,
    IReadOnlyList<string> MovingTags,
    bool Created)
{
    /// <summary>Permissions testIamPermissions refused to test (400 INVALID_ARGUMENT): neither confirmed nor known to be missing.</summary>
    public IReadOnlyList<string> UncheckedPermissions { get; init; } = [];

    /// <summary>
    /// Whether the repository has immutable tags (<c>dockerConfig.immutableTags</c>): a tag, once pushed, names its digest for good;
    /// pushing the same digest again is fine, another digest is refused.
    /// </summary>
    public bool ImmutableTags { get; init; }
}
