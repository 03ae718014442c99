using System.Runtime.CompilerServices;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Testing.Docker;

/// <summary>
/// Busybox base images per architecture, <c>local/busybox:amd64</c> (the machine's static busybox, see <see cref="BusyboxBase"/>)
/// and <c>local/busybox:arm64</c> (Debian's arm64 static busybox, built with <c>--platform linux/arm64</c>, its RUN step emulated by
/// QEMU), once per engine: a Dockerfile can say <c>ARG TARGETARCH</c> then <c>FROM local/busybox:${TARGETARCH}</c>.
/// </summary>
public static class PlatformBusyboxBases
{
    public const string Repository = "local/busybox";

    private static readonly ConditionalWeakTable<PrivateDockerd, Lazy<Task>> Builds = new();

    public static async Task EnsureAsync(PrivateDockerd engine, CancellationToken cancellationToken = default)
    {
        Prerequisites.RequireArm64Emulation();
        var busybox = Prerequisites.RequireArm64Busybox();
        await BusyboxBase.EnsureAsync(engine, cancellationToken);
        var build = Builds.GetValue(engine, e => new Lazy<Task>(() => BuildAsync(e, busybox)));
        await build.Value.WaitAsync(cancellationToken);
    }

    private static async Task BuildAsync(PrivateDockerd engine, string arm64Busybox)
    {
        (await engine.DockerAsync("tag", BusyboxBase.Reference, $"{Repository}:amd64")).EnsureSuccess();

        using var context = TempDirectory.Create("ard-bb-arm64-");
        File.Copy(arm64Busybox, context.Combine("busybox"));
        await File.WriteAllTextAsync(context.Combine("Dockerfile"),
            "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\nCMD [\"/bin/sh\"]\n");
        using var client = engine.CreateClient().WithEnvironment("DOCKER_BUILDKIT", "0");
        (await client.RunAsync("build", "--platform", "linux/arm64", "--tag", $"{Repository}:arm64", context.Path)).EnsureSuccess();
    }
}
