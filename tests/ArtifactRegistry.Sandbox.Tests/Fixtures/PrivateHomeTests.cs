using ArtifactRegistry.Processes;
using ArtifactRegistry.Testing.Gcloud;
using ArtifactRegistry.Testing.Isolation;
using ArtifactRegistry.Testing.Processes;
using CliWrap;
using CliWrap.Buffered;

namespace ArtifactRegistry.Sandbox.Tests.Fixtures;

/// <summary>Whichever way a test starts a program, the program is given a home other than the real one.</summary>
public sealed class PrivateHomeTests
{
    private const string PrintHome = """printf '%s|%s|%s\n' "$HOME" "${XDG_CONFIG_HOME-unset}" "${KUBECACHEDIR-unset}" """;

    private static string RealHome => TestRunHome.RealDirectory ?? throw new InvalidOperationException("No private home is in place for this run.");

    private static string RunHome => TestRunHome.Directory ?? throw new InvalidOperationException("No private home is in place for this run.");

    [Test]
    public void This_test_process_runs_with_the_runs_private_home_and_nothing_naming_another()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RunHome, Is.Not.EqualTo(RealHome).And.StartWith(Path.GetTempPath()));
            Assert.That(Environment.GetEnvironmentVariable("HOME"), Is.EqualTo(RunHome));
            Assert.That(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), Is.EqualTo(RunHome), "the library's default home");
            foreach (var name in new[] { "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "KUBECACHEDIR", "DOCKER_CONFIG", "CLOUDSDK_CONFIG", "KUBECONFIG" })
                Assert.That(Environment.GetEnvironmentVariable(name), Is.Null, name);
            Assert.That(Environment.GetEnvironmentVariable("DOTNET_CLI_HOME"), Is.Not.Null.And.Not.StartWith(RunHome), "dotnet and NuGet keep the machine's package cache");
        });
    }

    [Test]
    public async Task A_program_run_through_ExternalProgram_gets_a_fresh_home_of_its_own_deleted_after_it()
    {
        var result = (await ExternalProgram.RunAsync("sh", ["-c", PrintHome])).EnsureSuccess();

        var (home, config, cache) = Split(result.StandardOutput);
        Assert.Multiple(() =>
        {
            Assert.That(home, Does.StartWith(Path.Combine(Path.GetTempPath(), "ard-home-")));
            Assert.That(config, Is.EqualTo(Path.Combine(home, ".config")));
            Assert.That(cache, Is.EqualTo(Path.Combine(home, ".kube", "cache")));
            Assert.That(home, Does.Not.Exist);
        });
    }

    [Test]
    public async Task A_program_given_a_homes_variables_uses_that_home()
    {
        using var home = PrivateHome.Create();

        var result = (await ExternalProgram.RunAsync("sh", ["-c", PrintHome + " && mkdir -p ~/.kube/cache && touch ~/.kube/cache/probe"], home.EnvironmentVariables)).EnsureSuccess();

        Assert.That(Split(result.StandardOutput), Is.EqualTo((home.Path, home.Combine(".config"), home.Combine(".kube", "cache"))));
        Assert.That(home.Combine(".kube", "cache", "probe"), Does.Exist);
    }

    [Test]
    public async Task Programs_started_directly_or_by_the_library_inherit_the_runs_home()
    {
        var cliWrap = await Cli.Wrap("sh").WithArguments(["-c", PrintHome]).ExecuteBufferedAsync();
        var library = await ProcessCommand.For("/bin/sh").WithArguments(["-c", PrintHome]).ExecuteAsync();

        Assert.That(Split(cliWrap.StandardOutput), Is.EqualTo((RunHome, "unset", "unset")), "a program derives its folders from HOME");
        Assert.That(Split(library.StandardOutput), Is.EqualTo((RunHome, "unset", "unset")));
    }

    [Test]
    public void Gcloud_and_the_programs_given_its_variables_get_the_gcloud_fixtures_home()
    {
        using var gcloud = GcloudCli.Create();

        Assert.That(gcloud.EnvironmentVariables["HOME"], Is.EqualTo(gcloud.Home.Path));
        Assert.That(gcloud.Home.Path, Does.StartWith(Path.Combine(Path.GetTempPath(), "ard-gc-")));
        Assert.That(gcloud.EnvironmentVariables["KUBECACHEDIR"], Is.EqualTo(gcloud.Home.Combine(".kube", "cache")));
    }

    private static (string Home, string Config, string Cache) Split(string output)
    {
        var parts = output.TrimEnd('\n').Split('|');
        Assert.That(parts, Has.Length.EqualTo(3), output);
        return (parts[0], parts[1], parts[2]);
    }
}
