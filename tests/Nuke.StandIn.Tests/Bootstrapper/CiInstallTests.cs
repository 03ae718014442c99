using System.Runtime.Versioning;
using System.Text;
using CliWrap;

namespace Nuke.StandIn.Tests.Bootstrapper;

/// <summary>
/// The real <c>.ci/install</c> (what <c>./build.sh Test</c> and <c>./build.sh Deploy</c> run to get their machine parts) on a fake
/// machine: <c>id</c>, <c>dpkg-query</c> and <c>apt-get</c> on PATH answer from a scratch folder, so the missing-part detection, the
/// non-root refusal and the quiet install are checked without touching this machine's packages.
/// </summary>
[SupportedOSPlatform("linux")]
public class CiInstallTests
{
    private static readonly string[] AllPackages = ["docker.io", "containerd", "runc", "skopeo", "busybox-static", "python3-kubernetes", "qemu-user-static"];

    private string _machine = null!;

    [SetUp]
    public void CreateMachine()
    {
        _machine = Directory.CreateTempSubdirectory("ci-install-tests-").FullName;
        var bin = Directory.CreateDirectory(Path.Combine(_machine, "bin")).FullName;
        Directory.CreateDirectory(Path.Combine(_machine, "installed"));
        // Every probe file exists: what decides "missing" here is dpkg's answer, as on a machine where a package was removed.
        foreach (var probe in new[] { "usr/sbin/dockerd", "usr/bin/containerd", "usr/sbin/runc", "usr/bin/skopeo", "bin/busybox",
                     "usr/lib/python3/dist-packages/kubernetes/__init__.py", "usr/bin/qemu-aarch64-static" })
        {
            var file = Path.Combine(_machine, "root", probe);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "");
        }
        // The set-up steps (binfmt registration, the arm64 busybox) are present too, so no test runs their real install.
        var binfmt = Path.Combine(_machine, "root", "proc/sys/fs/binfmt_misc/qemu-aarch64");
        Directory.CreateDirectory(Path.GetDirectoryName(binfmt)!);
        File.WriteAllText(binfmt, "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n");
        var busyboxArm64 = Path.Combine(_machine, "root", "usr/local/lib/busybox-arm64/busybox");
        Directory.CreateDirectory(Path.GetDirectoryName(busyboxArm64)!);
        File.WriteAllText(busyboxArm64, "");
        File.SetUnixFileMode(busyboxArm64, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        Script(bin, "id", $"cat {_machine}/uid");
        Script(bin, "dpkg-query", $$"""
            package="${@: -1}"
            [ -e "{{_machine}}/installed/$package" ] || exit 1
            case "$2" in *Status*) printf 'install ok installed' ;; *) printf ' 1.0-fake' ;; esac
            """);
        Script(bin, "apt-get", $$"""
            echo "$*" >> "{{_machine}}/apt.log"
            echo '(Reading database ... 5%'
            echo 'debconf: delaying package configuration, since apt-utils is not installed' >&2
            if [ -e "{{_machine}}/apt-fails" ]; then echo "E: Unable to locate package $*" >&2; exit 100; fi
            for argument in "$@"; do
              case "$argument" in -*|install|update|Acquire*) ;; *) touch "{{_machine}}/installed/$argument" ;; esac
            done
            """);
        RunAs(0);
    }

    [TearDown]
    public void DeleteMachine() => Directory.Delete(_machine, recursive: true);

    [Test]
    public void With_every_package_present_it_installs_nothing_and_says_so()
    {
        Installed(AllPackages);

        var (exitCode, output, error) = Install();

        Assert.That(exitCode, Is.EqualTo(0), output + error);
        Assert.That(output, Does.Contain("nothing to install"));
        Assert.That(AptCalls(), Is.Empty);
    }

    [Test]
    public void As_root_it_installs_only_the_missing_packages_one_line_each_and_hides_apt_progress()
    {
        Installed("docker.io", "containerd", "runc", "python3-kubernetes", "qemu-user-static");

        var (exitCode, output, error) = Install();

        Assert.That(exitCode, Is.EqualTo(0), output + error);
        Assert.That(AptCalls(), Has.Some.Match(@"install -y skopeo busybox-static$"));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Exactly(1).StartsWith(".ci/install: installing skopeo with apt-get: an independent registry client"));
        Assert.That(lines, Has.Exactly(1).StartsWith(".ci/install: installing busybox-static with apt-get: the static busybox"));
        Assert.That(lines[^1], Is.EqualTo(".ci/install: installed skopeo 1.0-fake, busybox-static 1.0-fake"));
        Assert.That(output + error, Does.Not.Contain("Reading database").And.Not.Contain("debconf"));
    }

    [Test]
    public void When_apt_fails_it_shows_apts_output_and_fails()
    {
        Installed("docker.io", "containerd", "runc", "busybox-static", "python3-kubernetes", "qemu-user-static");
        File.WriteAllText(Path.Combine(_machine, "apt-fails"), "");

        var (exitCode, output, error) = Install();

        Assert.That(exitCode, Is.EqualTo(1), output + error);
        Assert.That(error, Does.Contain(".ci/install: apt-get update failed; its output:").And.Contain("E: Unable to locate package"));
    }

    [Test]
    public void As_another_user_it_fails_at_once_listing_what_is_missing_and_the_one_command_that_installs_it()
    {
        RunAs(1000);
        Installed("docker.io", "containerd", "runc", "busybox-static", "qemu-user-static");

        var (exitCode, output, error) = Install();

        Assert.That(exitCode, Is.EqualTo(2), output + error);
        Assert.That(AptCalls(), Is.Empty);
        Assert.That(error, Does.StartWith(".ci/install: missing skopeo python3-kubernetes, and only root can install them:"));
        Assert.That(error, Does.Contain("  python3-kubernetes (the official Python Kubernetes client"));
        Assert.That(error, Does.Contain("Run: sudo bash .ci/install" + Environment.NewLine));
    }

    [Test]
    public void A_missing_set_up_step_is_checked_against_the_machine_and_named_with_its_part()
    {
        RunAs(1000);
        Installed(AllPackages);
        File.Delete(Path.Combine(_machine, "root", "proc/sys/fs/binfmt_misc/qemu-aarch64"));
        File.Delete(Path.Combine(_machine, "root", "usr/local/lib/busybox-arm64/busybox"));

        var (exitCode, output, error) = Install();

        Assert.That(exitCode, Is.EqualTo(2), output + error);
        Assert.That(error, Does.StartWith(".ci/install: missing binfmt-qemu-aarch64 busybox-arm64, and only root can install them:"));
        Assert.That(error, Does.Contain("  binfmt-qemu-aarch64 (the kernel's binfmt_misc entry that hands arm64 programs to qemu"));
        Assert.That(error, Does.Contain("  busybox-arm64 (Debian's arm64 static busybox at /usr/local/lib/busybox-arm64/busybox"));
    }

    [Test]
    public void Asked_for_one_part_it_checks_that_part_only_and_names_it_in_the_command()
    {
        RunAs(1000);

        var (exitCode, output, error) = Install("docker.io");

        Assert.That(exitCode, Is.EqualTo(2), output + error);
        Assert.That(error, Does.StartWith(".ci/install: missing docker.io, and only root can install them:"));
        Assert.That(error, Does.Contain("Run: sudo bash .ci/install docker.io"));
    }

    [Test]
    public void An_unknown_part_is_refused_with_the_list_of_parts()
    {
        var (exitCode, _, error) = Install("docker");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("unknown part 'docker'; the parts are: docker.io containerd runc skopeo busybox-static python3-kubernetes qemu-user-static binfmt-qemu-aarch64 busybox-arm64"));
    }

    private void RunAs(int uid) => File.WriteAllText(Path.Combine(_machine, "uid"), uid.ToString());

    private void Installed(params string[] packages)
    {
        foreach (var package in packages)
            File.WriteAllText(Path.Combine(_machine, "installed", package), "");
    }

    private string[] AptCalls()
    {
        var log = Path.Combine(_machine, "apt.log");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }

    private (int ExitCode, string Output, string Error) Install(params string[] parts)
    {
        var output = new StringBuilder();
        var error = new StringBuilder();
        var result = Cli.Wrap("bash")
            .WithArguments([".ci/install", .. parts])
            .WithWorkingDirectory(RepositoryProcess.RootDirectory)
            .WithEnvironmentVariables(new Dictionary<string, string?>
            {
                ["PATH"] = $"{Path.Combine(_machine, "bin")}:/usr/bin:/bin",
                ["CI_INSTALL_PROBE_ROOT"] = Path.Combine(_machine, "root"),
            })
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync().GetAwaiter().GetResult();
        return (result.ExitCode, output.ToString(), error.ToString());
    }

    private static void Script(string directory, string name, string body)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
