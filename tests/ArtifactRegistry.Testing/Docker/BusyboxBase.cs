using System.Diagnostics;
using System.Formats.Tar;
using System.Runtime.CompilerServices;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Testing.Docker;

/// <summary>
/// A base image with a shell, made from the machine's static busybox (Debian's busybox-static) because nothing can be
/// pulled here: <c>/bin/busybox</c> plus a symlink per applet, tarred and <c>docker import</c>ed as
/// <see cref="Reference"/>, once per engine. Dockerfiles can then say <c>FROM local/busybox:1</c> and use <c>RUN</c>.
/// </summary>
public static class BusyboxBase
{
    public const string Reference = "local/busybox:1";

    private static readonly ConditionalWeakTable<PrivateDockerd, Lazy<Task<BuiltImage>>> Imports = new();

    /// <summary>Imports the image into <paramref name="engine"/> unless this process already did; returns it.</summary>
    public static async Task<BuiltImage> EnsureAsync(PrivateDockerd engine, CancellationToken cancellationToken = default)
    {
        var busybox = Prerequisites.RequireProgram("busybox");
        if (!ElfExecutable.IsStaticallyLinked(busybox))
        {
            Prerequisites.Missing(
                $"{busybox} is dynamically linked, so it cannot run alone in an image. Install Debian's busybox-static " +
                "(.ci/install does: run `bash .ci/install` as root, or `apt-get install busybox-static`).",
                Prerequisites.InContinuousIntegration);
        }
        var import = Imports.GetValue(engine, e => new Lazy<Task<BuiltImage>>(() => ImportAsync(e, busybox)));
        return await import.Value.WaitAsync(cancellationToken);
    }

    private static async Task<BuiltImage> ImportAsync(PrivateDockerd engine, string busybox)
    {
        var stopwatch = Stopwatch.StartNew();
        using var work = TempDirectory.Create("ard-bb-");
        var rootfs = Directory.CreateDirectory(work.Combine("rootfs")).FullName;
        Directory.CreateDirectory(Path.Combine(rootfs, "bin"));
        Directory.CreateDirectory(Path.Combine(rootfs, "tmp"));
        File.Copy(busybox, Path.Combine(rootfs, "bin", "busybox"));

        var applets = (await ChildProcess.RunAsync(
                busybox, ["--list-full"], ChildEnvironment.Inherited, null, TimeSpan.FromSeconds(30), CancellationToken.None))
            .EnsureSuccess()
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var applet in applets.Where(applet => applet != "bin/busybox"))
        {
            var link = Path.Combine(rootfs, applet);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            if (!File.Exists(link))
                File.CreateSymbolicLink(link, "/bin/busybox");
        }

        var tarball = work.Combine("rootfs.tar");
        await TarFile.CreateFromDirectoryAsync(rootfs, tarball, includeBaseDirectory: false);

        var result = (await engine.DockerAsync("import", "--change", "CMD [\"/bin/sh\"]", tarball, Reference)).EnsureSuccess();
        var imageId = result.StandardOutput.Trim();
        return new BuiltImage(imageId, [Reference], stopwatch.Elapsed);
    }
}
