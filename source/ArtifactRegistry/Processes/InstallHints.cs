namespace ArtifactRegistry.Processes;

/// <summary>How to get a missing program, for the tools this library drives and a generic fallback.</summary>
internal static class InstallHints
{
    private const string CloudSdkInstall = "https://cloud.google.com/sdk/docs/install";

    public static string For(string program)
    {
        var name = Path.GetFileNameWithoutExtension(program).ToLowerInvariant();
        return name switch
        {
            "docker" =>
                "Install the Docker CLI: `sudo apt-get install docker.io` on Debian/Ubuntu, or see https://docs.docker.com/engine/install/; " +
                "then check it with `docker version`.",
            "gcloud" =>
                $"Install the Google Cloud SDK ({CloudSdkInstall}; on Debian/Ubuntu with Google's apt repository: " +
                "`sudo apt-get install google-cloud-cli`), put its bin directory on PATH, then run `gcloud init`.",
            "docker-credential-gcloud" =>
                $"It ships with the Google Cloud SDK ({CloudSdkInstall}) in the SDK's bin directory: put that directory on PATH " +
                "(find it with `gcloud info --format='value(installation.sdk_root)'`, then add /bin), " +
                "or reinstall with `sudo apt-get install google-cloud-cli`; check it with `docker-credential-gcloud list`.",
            "gke-gcloud-auth-plugin" =>
                "Install it with `gcloud components install gke-gcloud-auth-plugin` " +
                "(apt-installed SDK: `sudo apt-get install google-cloud-cli-gke-gcloud-auth-plugin`).",
            "kubectl" =>
                "Install it with `gcloud components install kubectl` (apt-installed SDK: `sudo apt-get install kubectl` " +
                "from Google's apt repository), or see https://kubernetes.io/docs/tasks/tools/.",
            "skopeo" => "Install it with `sudo apt-get install skopeo`, or see https://github.com/containers/skopeo/blob/main/install.md.",
            _ => $"Install '{program}' and put its directory on PATH, or call it by its full path.",
        };
    }
}
