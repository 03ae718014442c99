using System.Text.Json;

namespace ArtifactRegistry.Registry;

/// <summary>A long-running operation (repository creation, deletions): poll until <see cref="Done"/>.</summary>
internal sealed record LongRunningOperation
{
    /// <summary><c>projects/P/locations/L/operations/ID</c>.</summary>
    public string? Name { get; init; }

    public bool Done { get; init; }

    public OperationError? Error { get; init; }

    public JsonElement? Response { get; init; }

    public JsonElement? Metadata { get; init; }
}

/// <summary>The google.rpc.Status of a failed operation.</summary>
internal sealed record OperationError
{
    public int Code { get; init; }

    public string? Message { get; init; }
}
