namespace ArtifactRegistry.Grants;

/// <summary>
/// One CheckPullAccess: may this member pull from this repository?
/// Immutable; changed with the fluent methods of <see cref="CheckPullAccessSettingsExtensions"/>.
/// </summary>
public sealed record CheckPullAccessSettings
{
    /// <summary>The repository: <c>asia-docker.pkg.dev/my-project/my-repo</c>, an image in it, or <c>projects/P/locations/L/repositories/R</c>.</summary>
    public string? Repository { get; init; }

    /// <summary>The member, as IAM writes it: <c>serviceAccount:…</c>, <c>user:…</c>, <c>group:…</c>, <c>principal://…</c>.</summary>
    public string? Member { get; init; }
}
