using System.Text.Json;
using System.Text.Json.Serialization;
using ArtifactRegistry.FileSystem;

namespace ArtifactRegistry.Reporting;

/// <summary>The result file: <see cref="RunResult"/> as the JSON of <c>result-schema-v1.json</c>, replaced atomically.</summary>
internal static class RunResultJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(RunResult result) => JsonSerializer.Serialize(result, Options);

    public static void Write(string path, RunResult result) =>
        AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(result, Options));
}
