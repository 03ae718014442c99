using System.Text.Json.Nodes;

namespace ArtifactRegistry.Sandbox.Cluster.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>), what <c>kubectl set image</c> and <c>kubectl patch</c>
/// send: a merge patch in which lists of named things (containers, env, volumes, ports, …) merge element by element on their
/// merge key instead of being replaced, with the <c>$patch</c>, <c>$setElementOrder/…</c>, <c>$retainKeys</c> and
/// <c>$deleteFromPrimitiveList/…</c> directives. Merge keys come from the field name, which for the types served here is
/// unambiguous.
/// </summary>
internal static class StrategicMergePatch
{
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["env"] = "name",
        ["imagePullSecrets"] = "name",
        ["resourceClaims"] = "name",
        ["hostAliases"] = "ip",
        ["ports"] = "containerPort",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["topologySpreadConstraints"] = "topologyKey",
    };

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
            return patch?.DeepClone();
        var directive = patchObject["$patch"]?.GetValue<string>();
        if (directive == "replace")
        {
            var replacement = (JsonObject)patchObject.DeepClone();
            replacement.Remove("$patch");
            return replacement;
        }

        if (directive == "delete")
            return null;
        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith('$'))
                continue;
            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var existing = result[key];
            result.Remove(key);
            var merged = value is JsonArray list && MergeKeys.TryGetValue(key, out var mergeKey)
                ? MergeList(existing as JsonArray, list, mergeKey)
                : value is JsonArray ? value.DeepClone() : Apply(existing, value);
            if (merged is not null)
                result[key] = merged;
        }

        foreach (var (key, value) in patchObject)
        {
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) && value is JsonArray order
                && result[key["$setElementOrder/".Length..]] is JsonArray ordered && MergeKeys.TryGetValue(key["$setElementOrder/".Length..], out var orderKey))
                Reorder(ordered, order, orderKey);
            else if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal) && value is JsonArray doomed
                     && result[key["$deleteFromPrimitiveList/".Length..]] is JsonArray primitives)
                foreach (var item in primitives.Where(p => doomed.Any(d => JsonNode.DeepEquals(d, p))).ToList())
                    primitives.Remove(item);
        }

        if (patchObject["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
                result.Remove(key);
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray? existing, JsonArray patch, string mergeKey)
    {
        if (patch.Any(item => item is JsonObject o && o["$patch"]?.GetValue<string>() == "replace"))
            return new JsonArray(patch.Where(i => i is not JsonObject o || o["$patch"] is null).Select(i => i?.DeepClone()).ToArray());
        var result = existing is null ? new JsonArray() : (JsonArray)existing.DeepClone();
        foreach (var item in patch)
        {
            if (item is not JsonObject element || element[mergeKey] is not { } key)
            {
                result.Add(item?.DeepClone());
                continue;
            }

            var match = result.OfType<JsonObject>().FirstOrDefault(e => JsonNode.DeepEquals(e[mergeKey], key));
            if (element["$patch"]?.GetValue<string>() == "delete")
            {
                if (match is not null)
                    result.Remove(match);
                continue;
            }

            if (match is null)
            {
                result.Add(Apply(null, element));
                continue;
            }

            var index = result.IndexOf(match);
            result.RemoveAt(index);
            result.Insert(index, Apply(match.DeepClone(), element));
        }

        return result;
    }

    private static void Reorder(JsonArray list, JsonArray order, string mergeKey)
    {
        var items = list.Select(i => i?.DeepClone()).ToList();
        var sorted = new List<JsonNode?>();
        foreach (var wanted in order.OfType<JsonObject>())
        {
            var found = items.FirstOrDefault(i => i is JsonObject o && JsonNode.DeepEquals(o[mergeKey], wanted[mergeKey]));
            if (found is not null)
            {
                sorted.Add(found);
                items.Remove(found);
            }
        }

        sorted.AddRange(items);
        list.Clear();
        foreach (var item in sorted)
            list.Add(item);
    }
}
