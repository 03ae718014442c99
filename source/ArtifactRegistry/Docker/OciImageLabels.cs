using System.Collections.Immutable;
using System.Globalization;
using ArtifactRegistry.Git;

namespace ArtifactRegistry.Docker;

/// <summary>The standard OCI annotations a build adds as labels, from the git state of the source.</summary>
internal static class OciImageLabels
{
    public const string Revision = "org.opencontainers.image.revision";
    public const string Source = "org.opencontainers.image.source";
    public const string Created = "org.opencontainers.image.created";

    /// <summary>
    /// <see cref="Revision"/> (the full commit id), <see cref="Source"/> (the origin URL, credentials removed; left out
    /// when there is no origin) and <see cref="Created"/>.
    /// </summary>
    /// <remarks>
    /// <see cref="Created"/> is the commit time, not the build time: a label that changed on every build would give the
    /// same source a new image config, a new digest and a new push each time, defeating the builder's cache.
    /// </remarks>
    public static ImmutableSortedDictionary<string, string> From(GitWorkTreeState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var labels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        labels[Revision] = state.CommitSha;
        labels[Created] = state.CommitTime.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (state.RemoteUrl is { } source)
            labels[Source] = source;
        return labels.ToImmutable();
    }
}
