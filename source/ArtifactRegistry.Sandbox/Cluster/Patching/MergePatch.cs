using System.Text.Json.Nodes;

namespace ArtifactRegistry.Sandbox.Cluster.Patching;

/// <summary>JSON merge patch (RFC 7386, <c>application/merge-patch+json</c>): objects merge, null removes, anything else replaces.</summary>
internal static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
            return patch?.DeepClone();
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var existing = result[key];
            result.Remove(key);
            result[key] = Apply(existing, value);
        }

        return result;
    }
}
