using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Tests.Processes;

public sealed class LoggingTests
{
    [Test]
    public async Task Starting_a_program_logs_its_command_line_once_at_information_level()
    {
        var logger = new CapturingLogger();
        var directory = Path.GetTempPath();

        await ProcessCommand.For("/bin/sh").WithArguments(["-c", "exit 0"]).WithWorkingDirectory(directory).WithLogger(logger).ExecuteAsync();

        var information = logger.Entries.Where(entry => entry.Level == LogLevel.Information).ToArray();
        Assert.That(information, Has.Length.EqualTo(1));
        Assert.That(information[0].Text, Does.StartWith($"> /bin/sh -c 'exit 0' (in {Path.GetFullPath(directory)})"));
    }

    [Test]
    public async Task Environment_overrides_are_logged_at_trace_level_apart_from_the_command_line_secrets_masked()
    {
        var logger = new CapturingLogger();

        await ProcessCommand.For("/bin/sh").WithArguments(["-c", "exit 0"])
            .WithEnvironment(variables => variables.Set("DOCKER_CONFIG", "/tmp/cfg").SetSecret("API_TOKEN", "s3cr3t-value").Remove("DOCKER_HOST"))
            .WithLogger(logger)
            .ExecuteAsync();

        Assert.That(logger.Entries.Single(entry => entry.Level == LogLevel.Information).Text.Split('\n')[0], Is.EqualTo("> /bin/sh -c 'exit 0'"));
        Assert.That(logger.Entries.Single(entry => entry.Level == LogLevel.Trace).Text.Split('\n')[0],
            Is.EqualTo("  environment: env -u DOCKER_HOST DOCKER_CONFIG=/tmp/cfg API_TOKEN=[REDACTED]"));
    }

    [Test]
    public async Task Output_lines_are_logged_at_debug_level_by_default()
    {
        var logger = new CapturingLogger();

        await EchoTool.Run("line", "to stdout", "err-line", "to stderr").WithLogger(logger).ExecuteAsync();

        Assert.That(logger.Entries.Where(entry => entry.Level == LogLevel.Debug).Select(entry => entry.Text.Split('\n')[0]),
            Is.SupersetOf(new[] { "to stdout", "to stderr" }));
    }

    [Test]
    public async Task Output_lines_are_logged_at_the_configured_levels_or_not_at_all()
    {
        var logger = new CapturingLogger();

        await EchoTool.Run("line", "to stdout", "err-line", "to stderr")
            .WithOutputLogLevel(LogLevel.None, LogLevel.Warning)
            .WithLogger(logger)
            .ExecuteAsync();

        Assert.That(logger.Entries.Select(entry => entry.Text.Split('\n')[0]), Has.None.EqualTo("to stdout"));
        Assert.That(logger.Entries.Where(entry => entry.Level == LogLevel.Warning).Select(entry => entry.Text.Split('\n')[0]),
            Is.EqualTo(new[] { "to stderr" }));
    }

    [Test]
    public async Task The_exit_is_logged_with_code_and_duration_at_debug_level()
    {
        var logger = new CapturingLogger();

        var result = await EchoTool.Run("exit", "5").WithValidation(ProcessValidation.None).WithLogger(logger).ExecuteAsync();

        Assert.That(logger.Entries.Where(entry => entry.Level == LogLevel.Debug).Select(entry => entry.Text.Split('\n')[0]),
            Has.Some.Match($@"^Process 'dotnet' \({result.ProcessId}\) exited with code 5 after [\d.]+ s$"));
    }
}
