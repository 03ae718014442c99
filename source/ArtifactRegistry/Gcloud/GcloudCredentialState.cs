namespace ArtifactRegistry.Gcloud;

/// <summary>
/// Whether gcloud (and so <c>docker-credential-gcloud</c>) has credentials to hand out, read from its configuration without
/// starting it: a gcloud process costs most of a second, and the preflight's single helper call proves the rest.
/// </summary>
/// <param name="HasCredentials">An account is selected or an access token is supplied through the environment.</param>
/// <param name="Account">The selected account (<c>core/account</c>), when one is.</param>
/// <param name="Source">Where the answer came from, for logs: a variable name or the configuration file.</param>
internal sealed record GcloudCredentialState(bool HasCredentials, string? Account, string Source)
{
    /// <summary>Reads gcloud's environment variables, then its active configuration (<c>CLOUDSDK_CONFIG</c> or <c>~/.config/gcloud</c>).</summary>
    public static GcloudCredentialState Read(Func<string, string?> environment, string homeDirectory)
    {
        if (!string.IsNullOrWhiteSpace(environment("CLOUDSDK_AUTH_ACCESS_TOKEN")))
            return new GcloudCredentialState(true, NonEmpty(environment("CLOUDSDK_CORE_ACCOUNT")), "CLOUDSDK_AUTH_ACCESS_TOKEN");
        if (NonEmpty(environment("CLOUDSDK_AUTH_ACCESS_TOKEN_FILE")) is { } tokenFile)
            return new GcloudCredentialState(File.Exists(tokenFile), NonEmpty(environment("CLOUDSDK_CORE_ACCOUNT")), $"CLOUDSDK_AUTH_ACCESS_TOKEN_FILE ({tokenFile})");
        if (NonEmpty(environment("CLOUDSDK_CORE_ACCOUNT")) is { } variableAccount)
            return new GcloudCredentialState(true, variableAccount, "CLOUDSDK_CORE_ACCOUNT");

        var configDirectory = GcloudConfigDirectory.Locate(environment, homeDirectory);
        var configurationName = NonEmpty(environment("CLOUDSDK_ACTIVE_CONFIG_NAME")) ?? ReadActiveConfigurationName(configDirectory);
        var configurationFile = Path.Combine(configDirectory, "configurations", $"config_{configurationName}");
        var account = ReadProperty(configurationFile, "core", "account");
        return account is null
            ? new GcloudCredentialState(false, null, $"no account in {configurationFile}")
            : new GcloudCredentialState(true, account, configurationFile);
    }

    private static string ReadActiveConfigurationName(string configDirectory)
    {
        var path = Path.Combine(configDirectory, "active_config");
        return File.Exists(path) && NonEmpty(File.ReadAllText(path)) is { } name ? name : "default";
    }

    /// <summary>One property of gcloud's INI-style configuration file.</summary>
    internal static string? ReadProperty(string path, string section, string property)
    {
        if (!File.Exists(path))
            return null;
        string? current = null;
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
                current = line[1..^1].Trim();
            else if (current == section && line.Split('=', 2) is [var name, var value] && name.Trim() == property)
                return NonEmpty(value);
        }
        return null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
