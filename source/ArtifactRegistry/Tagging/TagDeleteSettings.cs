using System.Diagnostics.Contracts;

namespace ArtifactRegistry.Tagging;

/// <summary>The tag to delete: <c>s =&gt; s.SetImage("asia-docker.pkg.dev/p/r/app:pr-7")</c>.</summary>
public sealed record TagDeleteSettings
{
    /// <summary><c>…/IMAGE:TAG</c>.</summary>
    public string? Image { get; init; }
}

/// <summary>NUKE-style fluent changes of <see cref="TagDeleteSettings"/>; each returns a changed copy.</summary>
public static class TagDeleteSettingsExtensions
{
    /// <summary>Sets <see cref="TagDeleteSettings.Image"/>, the tag to delete as <c>…/IMAGE:TAG</c>.</summary>
    [Pure]
    public static TagDeleteSettings SetImage(this TagDeleteSettings settings, string image) => settings with { Image = image };
}
