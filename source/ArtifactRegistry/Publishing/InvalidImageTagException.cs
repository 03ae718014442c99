namespace ArtifactRegistry.Publishing;

/// <summary>One or more requested tags break the Docker tag grammar; raised before anything is built.</summary>
public sealed class InvalidImageTagException : ArgumentException
{
    internal InvalidImageTagException(IReadOnlyList<string> tags, IReadOnlyList<string> problems)
        : base($"{(problems.Count == 1 ? "A requested image tag is" : $"{problems.Count} requested image tags are")} invalid, so nothing was built: " +
               string.Join("; ", problems) + $". {References.TagRules.DockerAllowed}")
    {
        Tags = tags;
    }

    /// <summary>The invalid tags as given.</summary>
    public IReadOnlyList<string> Tags { get; }
}
