using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Tests.Processes;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExitCodeValidationTests
{
    [Test]
    public async Task A_non_zero_exit_code_fails_with_the_program_arguments_directory_code_and_last_error_lines()
    {
        var directory = Path.GetTempPath();

        var exception = await Assert.ThrowsAsync<ProcessExitCodeException>(() =>
            EchoTool.Run("err", "30", "exit", "3").WithWorkingDirectory(directory).ExecuteAsync());

        Assert.That(exception!.ExitCode, Is.EqualTo(3));
        Assert.That(exception.Program, Is.EqualTo("dotnet"));
        Assert.That(exception.WorkingDirectory, Is.EqualTo(Path.GetFullPath(directory)));
        var lines = exception.Message.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        Assert.That(lines[0], Is.EqualTo("Process 'dotnet' exited with code 3."));
        Assert.That(lines[1], Does.StartWith("   > ").And.EndWith($"dotnet {EchoTool.AssemblyPath} err 30 exit 3"));
        Assert.That(lines[2], Is.EqualTo($"   @ {Path.GetFullPath(directory)}"));
        Assert.That(lines[3], Is.EqualTo("Standard error (last 20 lines):"));
        Assert.That(lines[4..], Is.EqualTo(Enumerable.Range(11, 20).Select(n => $"   err {n}")));
        Assert.That(exception.StandardErrorTail, Has.Count.EqualTo(20));
    }

    [Test]
    public async Task A_failing_program_with_an_empty_error_output_shows_its_standard_output_instead()
    {
        var exception = await Assert.ThrowsAsync<ProcessExitCodeException>(() =>
            EchoTool.Run("line", "the reason is here", "exit", "1").ExecuteAsync());

        Assert.That(exception!.Message, Does.Contain("Standard error was empty; standard output:").And.Contain("   the reason is here"));
    }

    [Test]
    public async Task Without_validation_a_non_zero_exit_code_is_returned()
    {
        var result = await EchoTool.Run("err-line", "not found", "exit", "42").WithValidation(ProcessValidation.None).ExecuteAsync();

        Assert.That(result.ExitCode, Is.EqualTo(42));
        Assert.That(result.IsSuccess, Is.False);
        Assert.That(result.StandardError, Is.EqualTo("not found\n"));
    }

    [Test]
    public async Task A_missing_working_directory_fails_before_the_program_starts_and_names_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-directory-" + Guid.NewGuid());

        var exception = await Assert.ThrowsAsync<ProcessStartException>(() => EchoTool.Run("cwd").WithWorkingDirectory(missing).ExecuteAsync());

        Assert.That(exception!.Message, Does.StartWith($"Process 'dotnet' could not be started: the working directory '{missing}' does not exist."));
    }

    [Test]
    public async Task A_missing_standard_input_file_fails_before_the_program_starts_and_names_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-input-" + Guid.NewGuid());
        var marker = Path.Combine(Path.GetTempPath(), "process-tests-" + Guid.NewGuid());

        var exception = await Assert.ThrowsAsync<ProcessStartException>(() => ProcessCommand.For("/bin/sh")
            .WithArguments(["-c", "touch \"$0\"", marker])
            .WithStandardInput(StandardInput.FromFile(missing))
            .ExecuteAsync());

        Assert.That(exception!.Message, Does.StartWith($"Process '/bin/sh' could not be started: its standard input {missing} cannot be opened:"));
        Assert.That(File.Exists(marker), Is.False, "the program ran although its input could not be read");
    }

    [Test]
    public async Task A_file_that_is_not_executable_fails_with_the_chmod_that_fixes_it()
    {
        var directory = Directory.CreateTempSubdirectory("process-tests-").FullName;
        try
        {
            var script = Path.Combine(directory, "tool.sh");
            File.WriteAllText(script, "#!/bin/sh\necho hi\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            var exception = await Assert.ThrowsAsync<ProcessStartException>(() => ProcessCommand.For(script).ExecuteAsync());

            Assert.That(exception!.Message, Does.Contain($"Make it executable: `chmod +x {script}`."));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
