using ArtifactRegistry.Configuration;

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
    /// <exception cref="ConfigurationException">The override is set but is not an http(s) URL.</exception>
    public static Uri FromEnvironment(Func<string, string?>? environment = null)
    {
        var value = (environment ?? Environment.GetEnvironmentVariable)(OverrideVariable);
        if (string.IsNullOrWhiteSpace(value))
            return ApiRoot(Google);
        return ApiRoot(ParseOverride(OverrideVariable, value, Google));
    }

    /// <summary>The service root an endpoint override names.</summary>
    /// <exception cref="ConfigurationException">It is not an http(s) URL.</exception>
    internal static Uri ParseOverride(string variable, string value, Uri google)
    {
        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return uri;
        throw new ConfigurationException(variable,
            $"{variable}='{value}' is not an http(s) URL.{Environment.NewLine}" +
            $"Like gcloud, the library sends its requests to the endpoint this variable names instead of {google}, so it must be a URL.{Environment.NewLine}" +
            $"Set {variable} to a service root such as http://127.0.0.1:8080/, or unset it to use {google}.");
    }
}
