using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Docker;

/// <summary>
/// The registry build cache of one build, as docker must see it (hosts mapped): what it reads the cache from and, with buildx,
/// where it writes it. Null instead of a <see cref="BuildCache"/> means no cache arguments at all (<c>--no-cache</c>).
/// </summary>
/// <param name="From">An image name (the legacy builder pulls it first) or a buildx cache source (<c>type=registry,ref=…</c>); null reads none.</param>
/// <param name="To">buildx's <c>--cache-to</c>; null writes the inline cache into the pushed image.</param>
/// <param name="Origin">Where <paramref name="From"/> came from, for the log (<c>the image's latest</c>, <c>CacheFrom</c>).</param>
internal sealed record BuildCache(string? From, string? To, string Origin)
{
    public const string InlineCache = "type=inline";

    /// <summary>Time inside <c>docker pull</c> of the legacy builder's cache image: docker's time, not the operation's.</summary>
    public TimeSpan PullDuration { get; init; }

    /// <summary>The build arguments for <paramref name="client"/>.</summary>
    public void AddArguments(ArgumentsBuilder arguments, BuildCacheClient client)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        switch (client)
        {
            case BuildCacheClient.Buildx:
                arguments.Add("--cache-to").Add(To ?? InlineCache);
                break;
            case BuildCacheClient.BuiltInBuildKit:
                // The built-in client writes no cache export of its own; this build argument makes it put the cache in the image's config.
                arguments.Add("--build-arg").Add("BUILDKIT_INLINE_CACHE=1");
                break;
        }
        if (From is not null)
            arguments.Add("--cache-from").Add(From);
    }

    /// <summary>The same cache without a source (a legacy build whose cache image could not be pulled).</summary>
    public BuildCache WithoutSource() => this with { From = null };
}
