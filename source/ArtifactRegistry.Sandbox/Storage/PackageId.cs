namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>
/// Package ids are image paths with <c>/</c>, <c>+</c> and <c>^</c> escaped (<c>team%2Fapp</c>), exactly as gcloud escapes them.
/// </summary>
internal static class PackageId
{
    public static string FromImage(string image) =>
        image.Contains('/') || image.Contains('+') || image.Contains('^')
            ? image.Replace("/", "%2F", StringComparison.Ordinal).Replace("+", "%2B", StringComparison.Ordinal).Replace("^", "%5E", StringComparison.Ordinal)
            : image;

    public static string ToImage(string packageId) =>
        packageId.Contains('%')
            ? packageId.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Replace("%2B", "+", StringComparison.OrdinalIgnoreCase).Replace("%5E", "^", StringComparison.OrdinalIgnoreCase)
            : packageId;
}
