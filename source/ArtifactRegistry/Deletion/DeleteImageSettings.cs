using System.Diagnostics.Contracts;

namespace ArtifactRegistry.Deletion;

/// <summary>The image to delete: <c>s =&gt; s.SetImage("asia-docker.pkg.dev/p/r/app@sha256:…")</c>.</summary>
public sealed record DeleteImageSettings
{
    /// <summary><c>…/IMAGE@sha256:…</c>, or <c>…/IMAGE:TAG</c> for the image the tag points at; never a bare name.</summary>
    public string? Image { get; init; }

    /// <summary>Allows deleting the tags pointing at the image besides the one named (they must go with it).</summary>
    public bool DeleteTags { get; init; }
}

/// <summary>NUKE-style fluent changes of <see cref="DeleteImageSettings"/>; each returns a changed copy.</summary>
public static class DeleteImageSettingsExtensions
{
    /// <summary>Sets <see cref="DeleteImageSettings.Image"/>.</summary>
    [Pure]
    public static DeleteImageSettings SetImage(this DeleteImageSettings settings, string image) => settings with { Image = image };

    /// <summary>Sets <see cref="DeleteImageSettings.DeleteTags"/> (default false).</summary>
    [Pure]
    public static DeleteImageSettings SetDeleteTags(this DeleteImageSettings settings, bool deleteTags) => settings with { DeleteTags = deleteTags };
}
