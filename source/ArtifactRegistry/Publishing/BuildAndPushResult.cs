using System.Globalization;
using System.Text;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Publishing;

/// <summary>What a build-and-push produced: one digest behind every tag, and where the time went.</summary>
public sealed record BuildAndPushResult
{
    /// <summary>The first tag pinned to the digest: <c>asia-docker.pkg.dev/my-project/repo/app:abc1234@sha256:…</c>; what a deployment should use.</summary>
    public required ImageReference Image { get; init; }

    /// <summary>The manifest digest every tag resolves to; for several platforms, the OCI image index's.</summary>
    public required ImageDigest Digest { get; init; }

    /// <summary>The tags pushed, in push order.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>The image, canonical, with each tag (no digest).</summary>
    public IReadOnlyList<ImageReference> TaggedImages => Tags.Select(tag => Image.WithoutDigest().WithTag(tag)).ToList();

    /// <summary>The digest-pinned image without a tag: <c>asia-docker.pkg.dev/my-project/repo/app@sha256:…</c>.</summary>
    public ImageReference PinnedImage => Image.WithoutTag();

    /// <summary>
    /// A multi-platform push's platform images, each with its manifest digest (the children of the index <see cref="Digest"/> names),
    /// in the order requested; empty for a single-platform push.
    /// </summary>
    public IReadOnlyList<PlatformImage> Platforms { get; init; } = [];

    /// <summary>The engine's image id (the config digest, which is not the registry digest); the first platform's in a multi-platform push.</summary>
    public required string ImageId { get; init; }

    /// <summary>The image's size as the registry reports it (compressed layers and config), or null when the registry was not asked.</summary>
    public long? ImageSizeBytes { get; init; }

    /// <summary>Layers uploaded by all pushes; 0 when the registry already had everything (an unchanged rebuild).</summary>
    public int LayersPushed { get; init; }

    /// <summary>
    /// Layers the registry had before this build pushed, as the first tag's push found them; the later tags' pushes find every
    /// layer present and are not counted again.
    /// </summary>
    public int LayersAlreadyPresent { get; init; }

    /// <summary>Whether the registry had verified every tag against the digest.</summary>
    public bool VerifiedWithRegistry { get; init; }

    /// <summary>The docker auth session BuildAndPush opened and kept (<see cref="BuildAndPushSettings.KeepDockerAuthSession"/>); the caller disposes it.</summary>
    public DockerAuthSession? DockerAuthSession { get; init; }

    /// <summary>Time inside <c>docker build</c>.</summary>
    public TimeSpan BuildDuration { get; init; }

    /// <summary>Time inside <c>docker push</c>, every tag, retries and their waits included.</summary>
    public TimeSpan PushDuration { get; init; }

    /// <summary>Time docker spent readying the registry build cache before the build (the legacy builder's pull of the cache image).</summary>
    public TimeSpan CacheDuration { get; init; }

    /// <summary>Everything docker did: cache, build and push.</summary>
    public TimeSpan DockerDuration => CacheDuration + BuildDuration + PushDuration;

    /// <summary>The whole operation, from validation to verification.</summary>
    public TimeSpan TotalDuration { get; init; }

    /// <summary>What the operation itself cost beyond docker's build and push: checks, git, auth, preflight, verification.</summary>
    public TimeSpan Overhead => TotalDuration - DockerDuration;

    /// <summary>A small table for the build log.</summary>
    public override string ToString()
    {
        var rows = new List<(string, string)>
        {
            ("image", Image.ToString()),
            ("digest", Digest.ToString()),
            ("tags", string.Join(", ", Tags)),
        };
        foreach (var platform in Platforms)
            rows.Add((platform.Platform, platform.Digest.ToString()));
        rows.AddRange(new List<(string, string)>
        {
            ("size", ImageSizeBytes is { } size ? FormatSize(size) : "-"),
            ("layers", $"{LayersPushed} uploaded, {LayersAlreadyPresent} already in the registry"),
            ("verified", VerifiedWithRegistry ? "every tag resolves to the digest in the registry" : "not asked (docker's digest line)"),
            ("duration", $"{(CacheDuration > TimeSpan.Zero ? $"cache pull {Seconds(CacheDuration)}, " : "")}build {Seconds(BuildDuration)}, push {Seconds(PushDuration)}, overhead {Seconds(Overhead)}, total {Seconds(TotalDuration)}"),
        });
        var width = rows.Max(row => row.Item1.Length);
        var text = new StringBuilder();
        foreach (var (name, value) in rows)
            text.Append(name.PadRight(width)).Append(" : ").Append(value).Append('\n');
        return text.ToString().TrimEnd('\n');
    }

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.000 s", CultureInfo.InvariantCulture);

    private static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0 KiB", CultureInfo.InvariantCulture),
        _ => (bytes / (1024.0 * 1024)).ToString("0.0 MiB", CultureInfo.InvariantCulture),
    };
}
