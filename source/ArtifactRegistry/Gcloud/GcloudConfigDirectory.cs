namespace ArtifactRegistry.Gcloud;

/// <summary>Where gcloud keeps its configuration: <c>CLOUDSDK_CONFIG</c>, else <c>~/.config/gcloud</c> (<c>%APPDATA%\gcloud</c> on Windows).</summary>
internal static class GcloudConfigDirectory
{
    public const string Variable = "CLOUDSDK_CONFIG";

    public static string Locate(Func<string, string?> environment, string homeDirectory)
    {
        if (environment(Variable) is { } configured && !string.IsNullOrWhiteSpace(configured))
            return configured.Trim();
        return OperatingSystem.IsWindows()
            ? Path.Combine(environment("APPDATA") ?? homeDirectory, "gcloud")
            : Path.Combine(homeDirectory, ".config", "gcloud");
    }
}
