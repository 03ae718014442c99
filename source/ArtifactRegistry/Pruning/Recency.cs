namespace ArtifactRegistry.Pruning;

/// <summary>
/// When a version counts as made, for "older than" and "most recent": the registry's upload time, which its own clock sets.
/// The image's build time is only a fallback, and only when plausible: reproducible builders (ko, Jib, Bazel, nix,
/// <c>SOURCE_DATE_EPOCH=0</c>) write 1970-01-01 or the zip epoch 1980-01-01, which would make every such image look ancient.
/// </summary>
public static class Recency
{
    /// <summary>Times before this are taken as a builder's placeholder, not a real date.</summary>
    public static readonly DateTimeOffset PlausibleFrom = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The time the version counts as made, or null when neither time is plausible (its age is then unknown).</summary>
    public static DateTimeOffset? Of(ImageVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Of(version.UploadTime, version.BuildTime);
    }

    /// <summary>The upload time if plausible, else the build time if plausible, else null.</summary>
    public static DateTimeOffset? Of(DateTimeOffset? uploadTime, DateTimeOffset? buildTime) =>
        IsPlausible(uploadTime) ? uploadTime : IsPlausible(buildTime) ? buildTime : null;

    /// <summary>Whether <paramref name="time"/> is a real date: known and not before <see cref="PlausibleFrom"/>.</summary>
    public static bool IsPlausible(DateTimeOffset? time) => time is { } value && value >= PlausibleFrom;
}
