using System.Text.Json;
using ArtifactRegistry.Testing.FileSystem;
using Json.Schema;

namespace ArtifactRegistry.Testing.CiFiles;

/// <summary>The result file's checked-in JSON schema (source/ArtifactRegistry/Reporting/result-schema-v1.json), evaluated by a validator nobody here wrote.</summary>
public static class ResultSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFile(Path.Combine(RepositoryRoot.Find(), "source", "ArtifactRegistry", "Reporting", "result-schema-v1.json")));

    /// <summary>Every way <paramref name="json"/> breaks the schema, as "location: error"; empty when it conforms.</summary>
    public static IReadOnlyList<string> Violations(string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
            return [];
        return (results.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Key}: {error.Value}"))
            .DefaultIfEmpty("invalid, without details")
            .ToList();
    }
}
