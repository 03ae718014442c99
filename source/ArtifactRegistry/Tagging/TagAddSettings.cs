using System.Collections.Immutable;
using System.Diagnostics.Contracts;

namespace ArtifactRegistry.Tagging;

/// <summary>Tags to point at an image: <c>s =&gt; s.SetSource("…/app:3f2c1ab").SetTags("stable")</c>.</summary>
public sealed record TagAddSettings
{
    /// <summary>The image the tags will point at, by tag or digest: <c>asia-docker.pkg.dev/p/r/app:3f2c1ab</c> or <c>…/app@sha256:…</c>.</summary>
    public string? Source { get; init; }

    /// <summary>Tags of the same image to create, or move from wherever they point now.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];
}

/// <summary>NUKE-style fluent changes of <see cref="TagAddSettings"/>; each returns a changed copy.</summary>
public static class TagAddSettingsExtensions
{
    /// <summary>Sets <see cref="TagAddSettings.Source"/>.</summary>
    [Pure]
    public static TagAddSettings SetSource(this TagAddSettings settings, string source) => settings with { Source = source };

    /// <summary>Sets <see cref="TagAddSettings.Tags"/>.</summary>
    [Pure]
    public static TagAddSettings SetTags(this TagAddSettings settings, params string[] tags) => settings with { Tags = [.. tags] };

    /// <summary>Adds to <see cref="TagAddSettings.Tags"/>.</summary>
    [Pure]
    public static TagAddSettings AddTags(this TagAddSettings settings, params string[] tags) => settings with { Tags = settings.Tags.AddRange(tags) };
}
