using System.Diagnostics.Contracts;

namespace ArtifactRegistry.Tagging;

/// <summary>The image whose tags are listed: <c>s =&gt; s.SetImage("asia-docker.pkg.dev/p/r/app")</c>.</summary>
public sealed record TagListSettings
{
    public string? Image { get; init; }
}

public static class TagListSettingsExtensions
{
    [Pure]
    public static TagListSettings SetImage(this TagListSettings settings, string image) => settings with { Image = image };
}
