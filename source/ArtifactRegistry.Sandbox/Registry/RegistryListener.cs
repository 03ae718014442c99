namespace ArtifactRegistry.Sandbox.Registry;

/// <summary>
/// What a registry port stands in for: <c>LOCATION-docker.pkg.dev</c> (names are <c>PROJECT/REPOSITORY/IMAGE</c>), or a
/// Container Registry host that Artifact Registry serves from a repository named after it (names are <c>PROJECT/IMAGE</c>).
/// Docker cannot tell the sandbox which host it meant, so each gets its own port.
/// </summary>
internal sealed record RegistryListener(string Location, string CanonicalHost, string? GcrRepository)
{
    /// <summary>gcr.io hosts and the multi-region each one lives in on Artifact Registry.</summary>
    public static readonly IReadOnlyDictionary<string, string> GcrHosts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["gcr.io"] = "us",
        ["us.gcr.io"] = "us",
        ["eu.gcr.io"] = "europe",
        ["asia.gcr.io"] = "asia",
    };

    public static RegistryListener ForLocation(string location) => new(location, location + "-docker.pkg.dev", null);

    public static RegistryListener ForGcrHost(string host) => new(GcrHosts[host], host, host);
}
