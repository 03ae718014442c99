using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Contracts;

namespace ArtifactRegistry.References;

/// <summary>
/// A validated Artifact Registry Docker image reference:
/// <c>LOCATION-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE[:TAG][@sha256:HEX]</c>, or a gcr.io name served by
/// Artifact Registry (<c>gcr.io/PROJECT-ID/IMAGE</c>, repository <c>gcr.io</c> in <c>us</c>). Immutable.
/// </summary>
/// <remarks>
/// A reference without a tag keeps <see cref="Tag"/> null: docker and gcloud would read it as <c>:latest</c>, and
/// deleting "by name" then silently deletes whatever <c>:latest</c> points at. Nothing here makes that guess;
/// <see cref="TagOrImplicitLatest"/> is the one place that spells it out, and <see cref="RequireTagOrDigest"/> refuses it.
/// </remarks>
public sealed class ImageReference : IEquatable<ImageReference>
{
    /// <summary>The tag docker and gcloud assume when a reference has none.</summary>
    public const string ImplicitDefaultTag = "latest";

    private readonly string _text;

    internal ImageReference(string host, string location, string projectId, string repository, string imagePath, string? tag, ImageDigest? digest)
    {
        Host = host;
        Location = location;
        ProjectId = projectId;
        Repository = repository;
        ImagePath = imagePath;
        Tag = tag;
        Digest = digest;
        _text = Name + (tag is null ? "" : ":" + tag) + (digest is null ? "" : "@" + digest);
    }

    /// <summary><c>asia-docker.pkg.dev</c>, or a gcr.io domain (<c>gcr.io</c>, <c>us.gcr.io</c>, <c>eu.gcr.io</c>, <c>asia.gcr.io</c>).</summary>
    public string Host { get; }

    /// <summary>The repository's location: from the host (<c>asia-docker.pkg.dev</c> → <c>asia</c>, <c>eu.gcr.io</c> → <c>europe</c>).</summary>
    public string Location { get; }

    /// <summary>The project ID, domain-scoped ones with a colon (<c>example.com:my-project</c>).</summary>
    public string ProjectId { get; }

    /// <summary>The project as it appears in the path (<c>example.com/my-project</c> for a domain-scoped one).</summary>
    public string ProjectPath => ImageReferenceParts.ProjectPathOf(ProjectId);

    /// <summary>The repository ID; for a gcr.io host, the host itself.</summary>
    public string Repository { get; }

    /// <summary>The image inside the repository, possibly nested: <c>team/app</c>.</summary>
    public string ImagePath { get; }

    /// <summary>The tag as written, or null when none was written (never an assumed <c>latest</c>).</summary>
    public string? Tag { get; }

    /// <summary>The digest as written, or null.</summary>
    public ImageDigest? Digest { get; }

    /// <summary>Whether a tag was written.</summary>
    [MemberNotNullWhen(true, nameof(Tag))]
    public bool HasTag => Tag is not null;

    /// <summary>Whether a digest was written.</summary>
    [MemberNotNullWhen(true, nameof(Digest))]
    public bool HasDigest => Digest is not null;

    /// <summary>Whether the reference says which image it means; false for a bare name that tools would read as <c>:latest</c>.</summary>
    public bool HasTagOrDigest => HasTag || HasDigest;

    /// <summary>The tag, or <c>latest</c> when none was written: what docker and gcloud would use. Spell out the guess only where it is meant.</summary>
    public string TagOrImplicitLatest => Tag ?? ImplicitDefaultTag;

    /// <summary>Whether the host is a gcr.io domain served by Artifact Registry.</summary>
    public bool IsGcrHost => GcrDomains.IsGcrDomain(Host);

    /// <summary>Host and path without tag or digest, what docker calls the repository: <c>asia-docker.pkg.dev/p/r/team/app</c>.</summary>
    public string Name => IsGcrHost ? $"{Host}/{ProjectPath}/{ImagePath}" : $"{Host}/{ProjectPath}/{Repository}/{ImagePath}";

    /// <summary><c>projects/P/locations/L/repositories/R</c>.</summary>
    public RepositoryName RepositoryName => RepositoryName.FromProjectLocationRepository(ProjectId, Location, Repository);

    /// <summary><c>…/packages/IMAGE</c>, nested paths escaped (<c>team%2Fapp</c>).</summary>
    public PackageName PackageName => RepositoryName.Package(ImagePath);

    /// <summary><c>…/packages/IMAGE/versions/sha256:HEX</c>.</summary>
    /// <exception cref="InvalidOperationException">The reference has no digest.</exception>
    public VersionName VersionName => HasDigest
        ? PackageName.Version(Digest)
        : throw new InvalidOperationException(
            $"'{this}' has no digest, so it names no version. A version is one exact image: use the digest docker push " +
            $"reported ({Name}@sha256:<digest>), or resolve the tag's version first (its {nameof(TagName)} gives it).");

    /// <summary><c>…/packages/IMAGE/tags/TAG</c>.</summary>
    /// <exception cref="InvalidOperationException">The reference has no tag; <c>latest</c> is never assumed.</exception>
    public TagName TagName => HasTag
        ? PackageName.Tag(Tag)
        : throw new InvalidOperationException(
            $"'{this}' has no tag. Docker and gcloud would silently use :{ImplicitDefaultTag} here; this library does not guess. " +
            $"If you mean the tag latest, say so: {nameof(WithTag)}(\"{ImplicitDefaultTag}\") gives {Name}:{ImplicitDefaultTag}.");

    /// <summary>Parses and validates a reference, reporting every problem at once.</summary>
    /// <exception cref="InvalidImageReferenceException">The text is not a valid Artifact Registry Docker reference.</exception>
    public static ImageReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return ImageReferenceParser.Parse(reference, out var error) ?? throw error!.ToException();
    }

    /// <summary>Parses and validates a reference; false when it is not valid (the other overload says why).</summary>
    public static bool TryParse(string? reference, [NotNullWhen(true)] out ImageReference? result) =>
        TryParse(reference, out result, out _);

    /// <param name="error">Every problem and how the text was read, when it is not valid.</param>
    public static bool TryParse(
        string? reference,
        [NotNullWhen(true)] out ImageReference? result,
        [NotNullWhen(false)] out ImageReferenceError? error)
    {
        result = ImageReferenceParser.Parse(reference, out error);
        return result is not null;
    }

    /// <summary>Image <paramref name="imagePath"/> in <paramref name="repository"/>, with neither tag nor digest.</summary>
    public static ImageReference FromRepository(RepositoryName repository, string imagePath)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return repository.ToImageReference(imagePath);
    }

    /// <summary>The same image with tag <paramref name="tag"/> (a digest, if any, stays).</summary>
    /// <exception cref="ArgumentException">The tag breaks the Docker tag grammar.</exception>
    [Pure]
    public ImageReference WithTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (TagRules.FindDockerTagViolation(tag) is { } violation)
            throw new ArgumentException($"Cannot tag {Name}: {violation}. {TagRules.DockerAllowed}", nameof(tag));
        return new ImageReference(Host, Location, ProjectId, Repository, ImagePath, tag, Digest);
    }

    /// <summary>The same image pinned to <paramref name="digest"/> (a tag, if any, stays).</summary>
    [Pure]
    public ImageReference WithDigest(ImageDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return new ImageReference(Host, Location, ProjectId, Repository, ImagePath, Tag, digest);
    }

    /// <exception cref="FormatException">The text is not a sha256 digest.</exception>
    [Pure]
    public ImageReference WithDigest(string digest) => WithDigest(ImageDigest.Parse(digest));

    /// <summary>The same image without its tag (a digest, if any, stays).</summary>
    [Pure]
    public ImageReference WithoutTag() => new(Host, Location, ProjectId, Repository, ImagePath, null, Digest);

    /// <summary>The same image without its digest (a tag, if any, stays).</summary>
    [Pure]
    public ImageReference WithoutDigest() => new(Host, Location, ProjectId, Repository, ImagePath, Tag, null);

    /// <summary>Another image in the same repository, with neither tag nor digest.</summary>
    /// <exception cref="InvalidImageReferenceException">The path breaks the Docker grammar.</exception>
    [Pure]
    public ImageReference WithImagePath(string imagePath)
    {
        ArgumentNullException.ThrowIfNull(imagePath);
        return Parse(IsGcrHost ? $"{Host}/{ProjectPath}/{imagePath}" : $"{Host}/{ProjectPath}/{Repository}/{imagePath}");
    }

    /// <summary>This reference, if it names a tag or a digest; otherwise an error saying <paramref name="purpose"/> will not assume <c>:latest</c>.</summary>
    /// <param name="purpose">What needs the version, as a noun phrase: <c>"deleting an image"</c>.</param>
    /// <exception cref="InvalidImageReferenceException">Neither tag nor digest.</exception>
    public ImageReference RequireTagOrDigest(string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        if (HasTagOrDigest) return this;
        var problem = ImageReferenceProblems.NoTagOrDigest(this, purpose);
        throw new ImageReferenceError(ToString(), [problem], Explain()).ToException();
    }

    /// <summary>
    /// How the reference reads, one part per line: host → location, project, repository, image, tag, digest.
    /// Shows at a glance what an unusual path means, e.g. that <c>…/p/sample-api/sample</c> is repository <c>sample-api</c>, image <c>sample</c>.
    /// </summary>
    public string Explain() => new ImageReferenceParts
    {
        Host = Host,
        IsGcrHost = IsGcrHost,
        Location = Location,
        ProjectId = ProjectId,
        Repository = Repository,
        ImagePath = ImagePath,
        Tag = Tag,
        Digest = Digest,
    }.Describe();

    /// <summary>The canonical text: host lowercased, <c>HOST/PROJECT-PATH/REPOSITORY/IMAGE[:TAG][@sha256:HEX]</c>.</summary>
    public override string ToString() => _text;

    /// <summary>Whether both have the same canonical text (<see cref="ToString"/>).</summary>
    public bool Equals(ImageReference? other) => other is not null && other._text == _text;
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ImageReference);
    /// <inheritdoc/>
    public override int GetHashCode() => _text.GetHashCode(StringComparison.Ordinal);
    /// <summary>Whether both have the same canonical text (or both are null).</summary>
    public static bool operator ==(ImageReference? left, ImageReference? right) => Equals(left, right);
    /// <summary>Whether the canonical texts differ.</summary>
    public static bool operator !=(ImageReference? left, ImageReference? right) => !Equals(left, right);
}
