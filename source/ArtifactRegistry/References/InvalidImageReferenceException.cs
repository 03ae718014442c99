namespace ArtifactRegistry.References;

/// <summary>
/// An image reference that is not a valid Artifact Registry Docker reference. The message starts with one summary
/// line naming every problem, then explains each with its fix.
/// </summary>
public sealed class InvalidImageReferenceException : FormatException
{
    public InvalidImageReferenceException(ImageReferenceError error) : base(error.Message) => Error = error;

    public ImageReferenceError Error { get; }

    /// <summary>The text that was refused.</summary>
    public string Input => Error.Input;

    /// <summary>Every problem found, not just the first.</summary>
    public IReadOnlyList<ImageReferenceProblem> Problems => Error.Problems;
}
