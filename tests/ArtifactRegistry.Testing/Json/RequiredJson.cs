using System.Text.Json;
using System.Text.Json.Nodes;

namespace ArtifactRegistry.Testing.Json;

/// <summary>
/// Reads what a test needs from a JSON body and, when it is not there, fails the test saying which field is missing and
/// showing the body (a <see cref="JsonBodyException"/>), instead of a NullReferenceException:
/// <c>credential.Require&lt;string&gt;("status", "token")</c>.
/// A path step is a property name (<see cref="string"/>) or an array index (<see cref="int"/>).
/// </summary>
public static class RequiredJson
{
    /// <summary>Parses <paramref name="text"/>, failing the test with the text when it is not a JSON value.</summary>
    public static JsonNode Parse(string text, string what)
    {
        try
        {
            return JsonNode.Parse(text) ?? throw new JsonException("it is the JSON literal null");
        }
        catch (JsonException exception)
        {
            throw new JsonBodyException($"{what} is not JSON ({exception.Message}). It was:{Environment.NewLine}{text}", exception);
        }
    }

    /// <summary>The node at <paramref name="path"/> under <paramref name="node"/>.</summary>
    public static JsonNode Require(this JsonNode? node, params object[] path)
    {
        var current = node;
        for (var step = 0; step < path.Length; step++)
        {
            var next = (current, path[step]) switch
            {
                (JsonObject json, string name) => json[name],
                (JsonArray json, int index) when index >= 0 && index < json.Count => json[index],
                _ => null,
            };
            current = next ?? throw Missing(node, path, step, current);
        }
        return current ?? throw new JsonBodyException("There is no JSON body to read from.");
    }

    /// <summary>The value at <paramref name="path"/> as <typeparamref name="T"/> (string, int, bool …).</summary>
    public static T Require<T>(this JsonNode? node, params object[] path)
    {
        var found = node.Require(path);
        try
        {
            return found.GetValue<T>();
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            throw new JsonBodyException(
                $"The JSON's {Describe(path, path.Length)} is {found.ToJsonString()}, not a {typeof(T).Name}. Body:{Environment.NewLine}{Body(node)}", exception);
        }
    }

    private static JsonBodyException Missing(JsonNode? node, object[] path, int step, JsonNode? reached)
    {
        var where = step == 0 ? "the body" : Describe(path, step);
        var why = (reached, path[step]) switch
        {
            (JsonObject json, string name) when json.ContainsKey(name) => "it is null",
            (JsonObject, string name) => $"{where} has no field \"{name}\"",
            (JsonArray array, int index) => $"{where} has {array.Count} item(s), no [{index}]",
            (null, _) => $"{where} is missing",
            _ => $"{where} is {reached.GetValueKind()}, not an {(path[step] is int ? "array" : "object")}",
        };
        return new JsonBodyException($"The JSON has no {Describe(path, path.Length)}: {why}. Body:{Environment.NewLine}{Body(node)}");
    }

    private static string Describe(object[] path, int length) =>
        string.Concat(path.Take(length).Select((step, i) => step is int index ? $"[{index}]" : i == 0 ? $"{step}" : $".{step}"));

    private static string Body(JsonNode? node) =>
        node?.Root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "(no body)";
}
