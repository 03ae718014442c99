using System.Text;

namespace ArtifactRegistry.References;

/// <summary>Every problem found in one image reference, with how the text was read, as TryParse reports it.</summary>
public sealed class ImageReferenceError
{
    internal ImageReferenceError(string input, IReadOnlyList<ImageReferenceProblem> problems, string? howItWasRead)
    {
        Input = input;
        Problems = problems;
        HowItWasRead = howItWasRead;
        Message = Compose();
    }

    /// <summary>The text as given.</summary>
    public string Input { get; }

    /// <summary>All problems found, shape problems first; never empty.</summary>
    public IReadOnlyList<ImageReferenceProblem> Problems { get; }

    /// <summary>The host/project/repository/image breakdown the parser got to, or null when it could not even find a host.</summary>
    public string? HowItWasRead { get; }

    /// <summary>One summary line, then each problem numbered, then how the text was read.</summary>
    public string Message { get; }

    /// <summary>The first line of <see cref="Message"/>.</summary>
    public string Summary =>
        $"'{Displayed(Input)}' is not a valid Artifact Registry image reference: {string.Join("; ", Problems.Select(p => p.Summary))}.";

    /// <summary>Whether one of the <see cref="Problems"/> is of <paramref name="kind"/>.</summary>
    public bool Has(ImageReferenceProblemKind kind) => Problems.Any(p => p.Kind == kind);

    /// <summary>The exception <see cref="ImageReference.Parse"/> throws for this error.</summary>
    public InvalidImageReferenceException ToException() => new(this);

    /// <summary>The <see cref="Message"/>.</summary>
    public override string ToString() => Message;

    // A newline read from a file must not break the one-line summary, and must stay visible as the culprit.
    internal static string Displayed(string text) =>
        text.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");

    private string Compose()
    {
        var message = new StringBuilder(Summary);
        for (var i = 0; i < Problems.Count; i++)
        {
            var lines = Problems[i].Detail.Split('\n');
            message.Append('\n').Append($"  {i + 1}. ").Append(lines[0]);
            foreach (var line in lines.Skip(1)) message.Append('\n').Append("     ").Append(line);
        }
        if (HowItWasRead is not null)
        {
            message.Append('\n').Append("  How it was read:");
            foreach (var line in HowItWasRead.Split('\n')) message.Append('\n').Append("    ").Append(line);
        }
        return message.ToString();
    }
}
