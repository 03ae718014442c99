using System.Diagnostics.Contracts;

namespace ArtifactRegistry.Tagging;

/// <summary>The image whose tags are listed: <c>s =&gt; s.SetImage("asia-docker.pkg.dev/p/r/app")</c>.</summary>
public sealed record TagListSettings
{
    /// <summary>The image whose tags are listed, <c>HOST/PROJECT-ID/REPOSITORY/IMAGE</c> (a tag or digest, if written, is ignored).</summary>
    public string? Image { get; init; }
}

/// <summary>NUKE-style fluent changes of <see cref="TagListSettings"/>; each returns a changed copy.</summary>
public static class TagListSettingsExtensions
{
    /// <summary>Sets <see cref="TagListSettings.Image"/>.</summary>
    [Pure]
    public static TagListSettings SetImage(this TagListSettings settings, string image) => settings with { Image = image };
}
