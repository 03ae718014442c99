using System.Text;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Tagging;

/// <summary>What a tag add changed: tags created, moved (from which digest), and already in place.</summary>
public sealed record TagAddResult
{
    /// <summary>The image the tags now point at, pinned: <c>…/app@sha256:…</c>.</summary>
    public required ImageReference Image { get; init; }

    /// <summary>Tags that did not exist and now point at <see cref="Image"/>.</summary>
    public IReadOnlyList<string> Created { get; init; } = [];

    /// <summary>Tags moved to <see cref="Image"/>, each with the digest it pointed at before.</summary>
    public IReadOnlyList<(string Tag, ImageDigest From)> Moved { get; init; } = [];

    /// <summary>Tags that already pointed there (nothing sent).</summary>
    public IReadOnlyList<string> Unchanged { get; init; } = [];

    /// <summary>One line for the build log: created, moved and unchanged tags.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"Tags of {Image}:");
        if (Created.Count > 0)
            text.Append(" created ").Append(string.Join(", ", Created)).Append(';');
        if (Moved.Count > 0)
            text.Append(" moved ").Append(string.Join(", ", Moved.Select(m => $"{m.Tag} (from {m.From.ToShortString()})"))).Append(';');
        if (Unchanged.Count > 0)
            text.Append(" already there ").Append(string.Join(", ", Unchanged)).Append(';');
        return text.ToString().TrimEnd(';');
    }
}
