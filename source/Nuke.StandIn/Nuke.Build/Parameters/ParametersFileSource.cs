using System.Text.Json;

namespace Nuke.Common.Parameters;

/// <summary>
/// <c>.nuke/parameters.json</c>, then each <c>.nuke/parameters.&lt;profile&gt;.json</c> named with <c>--profile</c>
/// (a later file wins). Keys are parameter names, compared ignoring case and dashes; values are strings, numbers,
/// booleans or arrays of them.
/// </summary>
internal sealed class ParametersFileSource : IParameterSource
{
    private readonly Dictionary<string, RawParameterValue> _values = new();

    private ParametersFileSource()
    {
    }

    public static ParametersFileSource Load(string rootDirectory, IReadOnlyList<string> profiles)
    {
        var source = new ParametersFileSource();
        var nukeDirectory = Path.Combine(rootDirectory, ".nuke");

        var baseFile = Path.Combine(nukeDirectory, "parameters.json");
        if (File.Exists(baseFile))
            source.Read(baseFile, ".nuke/parameters.json");

        foreach (var profile in profiles)
        {
            var file = Path.Combine(nukeDirectory, $"parameters.{profile}.json");
            if (!File.Exists(file))
            {
                throw new ParameterException(
                    $"Profile '{profile}' does not exist: create .nuke/parameters.{profile}.json, or drop '--profile {profile}'.");
            }

            source.Read(file, $".nuke/parameters.{profile}.json");
        }

        return source;
    }

    public RawParameterValue? Find(string parameterName, char? separator)
    {
        if (!_values.TryGetValue(ParameterNames.Normalize(parameterName), out var raw))
            return null;

        return separator is { } character && raw.Values.Count == 1
            ? raw with { Values = raw.Values[0].Split(character, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) }
            : raw;
    }

    private void Read(string file, string displayName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true
            });
        }
        catch (JsonException exception)
        {
            throw new ParameterException($"{displayName} is not valid JSON ({exception.Message}); fix the file or delete it.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ParameterException($"{displayName} must hold a JSON object like {{ \"ImageName\": \"app\" }}.");

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$') || property.Value.ValueKind == JsonValueKind.Null)
                    continue;

                var values = property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(x => ToText(x, displayName, property.Name)).ToList()
                    : [ToText(property.Value, displayName, property.Name)];
                _values[ParameterNames.Normalize(property.Name)] = new RawParameterValue(values, displayName);
            }
        }
    }

    private static string ToText(JsonElement element, string displayName, string key) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new ParameterException($"{displayName}: the value of \"{key}\" must be a string, number, boolean or an array of them.")
    };
}
