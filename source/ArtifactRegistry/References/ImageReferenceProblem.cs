namespace ArtifactRegistry.References;

/// <summary>One thing wrong with an image reference.</summary>
/// <param name="Kind">What kind of problem it is.</param>
/// <param name="Summary">A short clause for the one-line summary, e.g. <c>the REPOSITORY segment is missing</c>.</param>
/// <param name="Detail">What happened, why, and how to fix it; may span several lines.</param>
public sealed record ImageReferenceProblem(ImageReferenceProblemKind Kind, string Summary, string Detail)
{
    /// <summary>The <see cref="Detail"/>.</summary>
    public override string ToString() => Detail;
}
