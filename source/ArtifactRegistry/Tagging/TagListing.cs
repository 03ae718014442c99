using ArtifactRegistry.References;

namespace ArtifactRegistry.Tagging;

/// <summary>One tag of an image: the digest it points at and when that version was uploaded.</summary>
public sealed record TagListing(string Tag, ImageDigest Digest, DateTimeOffset? UploadTime)
{
    /// <summary>One aligned line: tag, short digest, upload time.</summary>
    public override string ToString() => $"{Tag,-24} {Digest.ToShortString()}  {UploadTime?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}
