using System.Text.Json.Nodes;

namespace ArtifactRegistry.Sandbox.Cluster.Patching;

/// <summary>JSON patch (RFC 6902, <c>application/json-patch+json</c>): add, remove, replace, move, copy and test, in order.</summary>
internal static class JsonPatch
{
    /// <exception cref="PatchException">An operation is malformed, its path does not exist, or a test fails.</exception>
    public static JsonNode Apply(JsonNode target, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
            throw new PatchException("a JSON patch must be an array of operations");
        foreach (var entry in operations)
        {
            if (entry is not JsonObject operation || operation["op"]?.GetValue<string>() is not { } op || operation["path"]?.GetValue<string>() is not { } path)
                throw new PatchException("every JSON patch operation needs \"op\" and \"path\"");
            switch (op)
            {
                case "add":
                    Add(target, path, Value(operation));
                    break;
                case "remove":
                    Remove(target, path);
                    break;
                case "replace":
                    Remove(target, path);
                    Add(target, path, Value(operation));
                    break;
                case "move":
                    var moved = Get(target, From(operation));
                    Remove(target, From(operation));
                    Add(target, path, moved);
                    break;
                case "copy":
                    Add(target, path, Get(target, From(operation))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(target, path), operation["value"]))
                        throw new PatchException($"testing value {path} failed");
                    break;
                default:
                    throw new PatchException($"Unexpected kind: {op}");
            }
        }

        return target;
    }

    private static JsonNode? Value(JsonObject operation) =>
        operation.ContainsKey("value") ? operation["value"]?.DeepClone() : throw new PatchException("\"value\" is missing from an add or replace operation");

    private static string From(JsonObject operation) =>
        operation["from"]?.GetValue<string>() ?? throw new PatchException("\"from\" is missing from a move or copy operation");

    private static JsonNode? Get(JsonNode root, string path)
    {
        var (parent, token) = Parent(root, path);
        return parent switch
        {
            null => root,
            JsonObject o when o.ContainsKey(token) => o[token],
            JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
            _ => throw new PatchException($"unable to get value at {path}: the path does not exist"),
        };
    }

    private static void Add(JsonNode root, string path, JsonNode? value)
    {
        var (parent, token) = Parent(root, path);
        switch (parent)
        {
            case null:
                throw new PatchException("replacing the whole object is not supported");
            case JsonObject o:
                o.Remove(token);
                o[token] = value;
                break;
            case JsonArray a when token == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(token, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw new PatchException($"add operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    private static void Remove(JsonNode root, string path)
    {
        var (parent, token) = Parent(root, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(token):
                o.Remove(token);
                break;
            case JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw new PatchException($"remove operation does not apply: doc is missing path: \"{path}\"");
        }
    }

    /// <summary>The container of the node a pointer names, and its last token (null parent for the root pointer "").</summary>
    private static (JsonNode? Parent, string Token) Parent(JsonNode root, string path)
    {
        if (path.Length == 0)
            return (null, "");
        if (!path.StartsWith('/'))
            throw new PatchException($"JSON pointer \"{path}\" must start with /");
        var tokens = path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode? node = root;
        foreach (var token in tokens[..^1])
        {
            node = node switch
            {
                JsonObject o => o[token],
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            } ?? throw new PatchException($"doc is missing path: \"{path}\"");
        }

        return (node, tokens[^1]);
    }
}

/// <summary>A patch that cannot be applied; the API answers 422 (or 400 for a malformed patch) with this text.</summary>
internal sealed class PatchException(string message) : Exception(message);
