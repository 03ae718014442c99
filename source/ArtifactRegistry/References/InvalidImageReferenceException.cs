namespace ArtifactRegistry.References;

/// <summary>
/// An image reference that is not a valid Artifact Registry Docker reference. The message starts with one summary
/// line naming every problem, then explains each with its fix.
/// </summary>
public sealed class InvalidImageReferenceException : FormatException
{
    /// <summary>Creates the exception for <paramref name="error"/>, whose <see cref="ImageReferenceError.Message"/> it carries.</summary>
    public InvalidImageReferenceException(ImageReferenceError error) : base(error.Message) => Error = error;

    /// <summary>Every problem found, and how the text was read.</summary>
    public ImageReferenceError Error { get; }

    /// <summary>The text that was refused.</summary>
    public string Input => Error.Input;

    /// <summary>Every problem found, not just the first.</summary>
    public IReadOnlyList<ImageReferenceProblem> Problems => Error.Problems;
}
