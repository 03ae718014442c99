namespace ArtifactRegistry.References;

/// <summary>One thing wrong with a resource name: a short clause for the summary line, and the rule or fix behind it.</summary>
internal sealed record ResourceNameProblem(string Clause, string? Hint = null)
{
    public static implicit operator ResourceNameProblem(string clause) => new(clause);
}
