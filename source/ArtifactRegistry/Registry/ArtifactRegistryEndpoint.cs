namespace ArtifactRegistry.Registry;

/// <summary>
/// The REST base URL: Google's, or the override gcloud also honours (<c>CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY</c>),
/// so one environment points both gcloud and this library at another endpoint (a local registry, a proxy).
/// </summary>
internal static class ArtifactRegistryEndpoint
{
    public const string OverrideVariable = "CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY";

    public static readonly Uri Google = new("https://artifactregistry.googleapis.com/");

    /// <summary>The API root (ending in <c>v1/</c>) for a service root such as <c>http://127.0.0.1:PORT/</c>.</summary>
    public static Uri ApiRoot(Uri serviceRoot)
    {
        var text = serviceRoot.ToString();
        if (!text.EndsWith('/'))
            text += "/";
        // gcloud's override names the service root; its request paths carry the version.
        return text.EndsWith("/v1/", StringComparison.Ordinal) ? new Uri(text) : new Uri(text + "v1/");
    }

    /// <summary>The API root this process should use.</summary>
    public static Uri FromEnvironment(Func<string, string?>? environment = null)
    {
        var value = (environment ?? Environment.GetEnvironmentVariable)(OverrideVariable);
        if (string.IsNullOrWhiteSpace(value))
            return ApiRoot(Google);
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new FormatException($"{OverrideVariable}='{value}' is not an http(s) URL; set it like gcloud's (e.g. http://127.0.0.1:8080/) or unset it.");
        return ApiRoot(uri);
    }
}
