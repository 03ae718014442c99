namespace ArtifactRegistry.Docker;

/// <summary>What <see cref="DockerConfigFile.EnsureCredentialHelper"/> found and changed.</summary>
/// <param name="ConfigPath">The docker config file that was checked.</param>
/// <param name="Helper">The credential helper name (<c>gcloud</c> means <c>docker-credential-gcloud</c>).</param>
/// <param name="AddedHosts">Hosts that had no credential helper and now have <paramref name="Helper"/>.</param>
/// <param name="ReplacedHelpers">Hosts that had another credential helper, with that helper's name; they now use <paramref name="Helper"/>.</param>
/// <param name="AlreadyConfiguredHosts">Hosts that already used <paramref name="Helper"/>.</param>
/// <param name="ShadowedCredentialsStore">
/// The <c>credsStore</c> of the file (Docker Desktop sets one), when present: docker consults <c>credHelpers</c> first,
/// so for these hosts the helper wins over that store.
/// </param>
public sealed record CredentialHelperChange(
    string ConfigPath,
    string Helper,
    IReadOnlyList<string> AddedHosts,
    IReadOnlyDictionary<string, string> ReplacedHelpers,
    IReadOnlyList<string> AlreadyConfiguredHosts,
    string? ShadowedCredentialsStore)
{
    /// <summary>Whether the file was written.</summary>
    public bool Written => AddedHosts.Count > 0 || ReplacedHelpers.Count > 0;
}
