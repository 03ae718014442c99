namespace ArtifactRegistry.Grants;

/// <summary>
/// One GrantReader: which member may pull from which repository.
/// Immutable; changed with the fluent methods of <see cref="GrantReaderSettingsExtensions"/>.
/// </summary>
public sealed record GrantReaderSettings
{
    /// <summary>
    /// The repository, as docker names it (<c>asia-docker.pkg.dev/my-project/my-repo</c>), an image in it
    /// (<c>asia-docker.pkg.dev/my-project/my-repo/app</c>) or its resource name (<c>projects/P/locations/L/repositories/R</c>).
    /// </summary>
    public string? Repository { get; init; }

    /// <summary>
    /// Who may pull: <c>serviceAccount:NAME@PROJECT.iam.gserviceaccount.com</c> (a GKE node pool's account, typically),
    /// <c>user:…</c>, <c>group:…</c>, <c>domain:…</c> or <c>principal://iam.googleapis.com/…</c>.
    /// </summary>
    public string? Member { get; init; }
}
