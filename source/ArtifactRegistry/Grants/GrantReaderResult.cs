using System.Globalization;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Grants;

/// <summary>What GrantReader found and did: whether the binding was added now or was already there.</summary>
public sealed record GrantReaderResult
{
    /// <summary>The repository whose policy holds the binding.</summary>
    public required RepositoryName Repository { get; init; }

    /// <summary>The member as the policy holds it, e.g. <c>serviceAccount:gke-nodes@cluster-project.iam.gserviceaccount.com</c>.</summary>
    public required string Member { get; init; }

    /// <summary><c>roles/artifactregistry.reader</c>.</summary>
    public required string Role { get; init; }

    /// <summary>True when this run added the binding; false when the policy already had it and nothing was written.</summary>
    public required bool Changed { get; init; }

    /// <summary>Read-modify-write rounds: more than one when the policy changed between a read and its write (ABORTED) and was read again.</summary>
    public required int Attempts { get; init; }

    /// <summary>Advice about the grant, also logged as warnings (a Compute Engine default account, for one).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>How long the grant took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>A small table for the build log.</summary>
    public override string ToString()
    {
        (string Name, string Value)[] rows =
        [
            ("repository", Repository.DockerPath),
            ("member", Member),
            ("role", Role),
            ("outcome", Changed ? $"granted{(Attempts > 1 ? $" (policy re-read {Attempts - 1}× after concurrent changes)" : "")}" : "already granted, policy unchanged"),
            ("duration", Duration.TotalSeconds.ToString("0.000 s", CultureInfo.InvariantCulture)),
        ];
        var width = rows.Max(row => row.Name.Length);
        return string.Join('\n', rows.Select(row => $"{row.Name.PadRight(width)} : {row.Value}"));
    }
}
