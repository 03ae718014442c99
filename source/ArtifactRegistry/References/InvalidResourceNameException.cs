namespace ArtifactRegistry.References;

/// <summary>
/// A text that is not the Artifact Registry resource name it was parsed as. The first line names every problem;
/// the following lines give the rules broken and the expected form.
/// </summary>
public sealed class InvalidResourceNameException : FormatException
{
    internal InvalidResourceNameException(string input, string kind, string expectedForm, IReadOnlyList<ResourceNameProblem> problems)
        : base(Compose(input, kind, expectedForm, problems))
    {
        Input = input;
        ExpectedForm = expectedForm;
        Problems = problems.Select(problem => problem.Clause).ToList();
    }

    /// <summary>The text as given.</summary>
    public string Input { get; }

    /// <summary>The pattern the name should follow, e.g. <c>projects/PROJECT-ID/locations/LOCATION/repositories/REPOSITORY</c>.</summary>
    public string ExpectedForm { get; }

    /// <summary>Each problem as a short clause.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Compose(string input, string kind, string expectedForm, IReadOnlyList<ResourceNameProblem> problems)
    {
        var lines = new List<string>
        {
            $"'{ImageReferenceError.Displayed(input)}' is not a valid Artifact Registry {kind} name: {string.Join("; ", problems.Select(p => p.Clause))}.",
        };
        lines.AddRange(problems.Select(p => p.Hint).OfType<string>().Distinct().Select(hint => "  " + hint));
        lines.Add($"  Expected: {expectedForm}");
        return string.Join('\n', lines);
    }
}
