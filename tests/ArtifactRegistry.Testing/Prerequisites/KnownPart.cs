namespace ArtifactRegistry.Testing;

/// <summary>Where a program the tests need comes from, so that a missing one can be reported with its fix.</summary>
internal sealed record KnownPart(string Program, string Origin, bool InstalledByCiScript)
{
    private static readonly KnownPart[] All =
    [
        new("dockerd", "Debian's docker.io package", true),
        new("containerd", "Debian's containerd package (a dependency of docker.io)", true),
        new("runc", "Debian's runc package (a dependency of docker.io)", true),
        new("docker", "Debian's docker.io package (the machine image may add a newer CLI in /usr/local/bin)", true),
        new("skopeo", "Debian's skopeo package", true),
        new("busybox", "Debian's busybox-static package", true),
        new("qemu-aarch64-static", "Debian's qemu-user-static package", true),
        new("gcloud", "the Google Cloud CLI (package google-cloud-cli from Google's own apt repository, which the machine image provides)", false),
        new("docker-credential-gcloud", "the Google Cloud CLI (package google-cloud-cli, provided by the machine image)", false),
        new("kubectl", "package kubectl from Google's apt repository (provided by the machine image)", false),
    ];

    public static KnownPart? Find(string program) => All.FirstOrDefault(part => part.Program == program);
}
