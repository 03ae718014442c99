namespace ArtifactRegistry.Registry;

/// <summary>
/// Cloud Resource Manager's REST base URL, where project IAM policies live: Google's, or the override gcloud also honours
/// (<c>CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER</c>), so one environment points both gcloud and this library at another endpoint.
/// </summary>
internal static class ResourceManagerEndpoint
{
    public const string OverrideVariable = "CLOUDSDK_API_ENDPOINT_OVERRIDES_CLOUDRESOURCEMANAGER";

    public static readonly Uri Google = new("https://cloudresourcemanager.googleapis.com/");

    /// <summary>The API root (ending in <c>v1/</c>) this environment names.</summary>
    /// <exception cref="Configuration.ConfigurationException">The override is set but is not an http(s) URL.</exception>
    public static Uri FromEnvironment(Func<string, string?>? environment = null)
    {
        var value = (environment ?? Environment.GetEnvironmentVariable)(OverrideVariable);
        if (string.IsNullOrWhiteSpace(value))
            return ArtifactRegistryEndpoint.ApiRoot(Google);
        return ArtifactRegistryEndpoint.ApiRoot(ArtifactRegistryEndpoint.ParseOverride(OverrideVariable, value, Google));
    }
}
