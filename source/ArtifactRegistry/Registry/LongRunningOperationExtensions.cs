using System.Text.Json;

namespace ArtifactRegistry.Registry;

/// <summary>What the metadata of particular operations says.</summary>
internal static class LongRunningOperationExtensions
{
    /// <summary>The version names a <c>versions.batchDelete</c> operation could not delete (<c>metadata.failedVersions</c>).</summary>
    public static IReadOnlyList<string> FailedVersions(this LongRunningOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Metadata is not { ValueKind: JsonValueKind.Object } metadata
            || !metadata.TryGetProperty("failedVersions", out var failed) || failed.ValueKind != JsonValueKind.Array)
            return [];
        return [.. failed.EnumerateArray().Select(name => name.GetString()).OfType<string>()];
    }
}
