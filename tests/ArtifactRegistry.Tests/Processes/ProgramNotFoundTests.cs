using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Tests.Processes;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProgramNotFoundTests
{
    private string _emptyDirectory = null!;

    [SetUp]
    public void CreateDirectory() => _emptyDirectory = Directory.CreateTempSubdirectory("process-tests-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_emptyDirectory, recursive: true);

    [TestCase("docker", "`sudo apt-get install docker.io`", "https://docs.docker.com/engine/install/")]
    [TestCase("gcloud", "https://cloud.google.com/sdk/docs/install", "`sudo apt-get install google-cloud-cli`")]
    [TestCase("docker-credential-gcloud", "ships with the Google Cloud SDK", "gcloud info --format='value(installation.sdk_root)'")]
    [TestCase("kubectl", "`gcloud components install kubectl`", "`sudo apt-get install kubectl`")]
    [TestCase("gke-gcloud-auth-plugin", "`gcloud components install gke-gcloud-auth-plugin`", "google-cloud-cli-gke-gcloud-auth-plugin")]
    public async Task A_missing_tool_fails_with_one_message_that_says_how_to_install_it(string program, string hint, string otherHint)
    {
        var exception = await Assert.ThrowsAsync<ProgramNotFoundException>(() => ProcessCommand.For(program)
            .WithArguments(["version"])
            .WithEnvironment(environment => environment.Set("PATH", _emptyDirectory))
            .ExecuteAsync());

        Assert.That(exception!.Message, Does.StartWith($"Program '{program}' was not found on PATH ({_emptyDirectory})."));
        Assert.That(exception.Message, Does.Contain(hint).And.Contain(otherHint));
        Assert.That(exception.Program, Is.EqualTo(program));
        Assert.That(exception.SearchPath, Is.EqualTo(_emptyDirectory));
    }

    [Test]
    public async Task An_unknown_missing_program_gets_the_generic_advice()
    {
        var exception = await Assert.ThrowsAsync<ProgramNotFoundException>(() =>
            ProcessCommand.For("no-such-tool-" + Guid.NewGuid().ToString("N")[..8]).ExecuteAsync());

        Assert.That(exception!.Message, Does.Match(@"^Program 'no-such-tool-\w+' was not found on PATH \(.+\)\. Install 'no-such-tool-\w+' and put its directory on PATH, or call it by its full path\.$"));
    }

    [Test]
    public async Task A_missing_program_given_by_path_says_the_file_does_not_exist()
    {
        var missing = Path.Combine(_emptyDirectory, "bin", "docker");

        var exception = await Assert.ThrowsAsync<ProgramNotFoundException>(() => ProcessCommand.For(missing).ExecuteAsync());

        Assert.That(exception!.Message, Does.StartWith($"Program '{missing}' was not found: no such file. Install the Docker CLI"));
    }

    [Test]
    public async Task A_removed_path_means_nothing_can_be_found_by_name()
    {
        var exception = await Assert.ThrowsAsync<ProgramNotFoundException>(() =>
            ProcessCommand.For("sh").WithEnvironment(environment => environment.Remove("PATH")).ExecuteAsync());

        Assert.That(exception!.Message, Does.StartWith("Program 'sh' was not found on PATH (PATH is empty)."));
    }

    [Test]
    public async Task A_program_is_found_in_the_path_the_command_overrides_and_found_again_after_it_appears()
    {
        var command = ProcessCommand.For("my-tool").WithEnvironment(environment => environment.Set("PATH", $"/nonexistent:{_emptyDirectory}"));
        await Assert.ThrowsAsync<ProgramNotFoundException>(() => command.ExecuteAsync());

        var script = Path.Combine(_emptyDirectory, "my-tool");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho \"found me\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await command.ExecuteAsync();

        Assert.That(result.StandardOutput, Is.EqualTo("found me\n"));
    }

    [Test]
    public async Task A_file_on_path_without_execute_permission_is_skipped_like_a_shell_would()
    {
        var second = Directory.CreateDirectory(Path.Combine(_emptyDirectory, "second")).FullName;
        var notExecutable = Path.Combine(_emptyDirectory, "my-tool");
        await File.WriteAllTextAsync(notExecutable, "#!/bin/sh\necho wrong\n");
        var executable = Path.Combine(second, "my-tool");
        await File.WriteAllTextAsync(executable, "#!/bin/sh\necho right\n");
        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var result = await ProcessCommand.For("my-tool")
            .WithEnvironment(environment => environment.Set("PATH", $"{_emptyDirectory}:{second}"))
            .ExecuteAsync();

        Assert.That(result.StandardOutput, Is.EqualTo("right\n"));
    }
}
