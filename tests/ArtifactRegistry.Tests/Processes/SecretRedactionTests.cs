using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Tests.Processes;

public sealed class SecretRedactionTests
{
    private readonly string _argumentSecret = "arg-secret-" + Guid.NewGuid().ToString("N");
    private readonly string _inputSecret = "stdin-secret-" + Guid.NewGuid().ToString("N");
    private readonly string _environmentSecret = "env-secret-" + Guid.NewGuid().ToString("N");

    private string[] Secrets => [_argumentSecret, _inputSecret, _environmentSecret];

    [Test]
    public async Task Secret_arguments_input_and_environment_never_reach_the_log_the_exception_or_ToString()
    {
        var logger = new CapturingLogger();
        var handled = new List<string>();
        var command = EchoTool.Run(steps => steps
                .Add("line").AddSecret(_argumentSecret)
                .Add("echo-stdin")
                .Add("env").Add("API_TOKEN")
                .Add("err-line").AddSecret(_argumentSecret)
                .Add("err-line").Add($"token was {_environmentSecret} and {_inputSecret}!")
                .Add("exit").Add("7"))
            .WithStandardInput(StandardInput.FromSecret(_inputSecret + "\n"))
            .WithEnvironment(environment => environment.SetSecret("API_TOKEN", _environmentSecret))
            .WithLogger(logger)
            .WithOutputLogLevel(LogLevel.Information, LogLevel.Warning)
            .WithOutputLine(handled.Add)
            .WithErrorLine(handled.Add);

        var exception = await Assert.ThrowsAsync<ProcessExitCodeException>(() => command.ExecuteAsync());

        Assert.That(handled, Is.SupersetOf(new[] { _argumentSecret, _inputSecret, _environmentSecret }),
            "the program did not print the secrets, so this test would prove nothing");
        var everything = string.Join("\n", logger.AllText, exception!.Message, exception.ToString(), exception.CommandLine,
            string.Join("\n", exception.StandardErrorTail), command.ToString());
        foreach (var secret in Secrets)
            Assert.That(everything, Does.Not.Contain(secret));
        Assert.That(logger.Entries.Where(entry => entry.Level == LogLevel.Information).Select(entry => entry.Text),
            Has.Some.StartsWith("[REDACTED]"));
        Assert.That(exception.Message, Does.Contain("   token was [REDACTED] and [REDACTED]!"));
        Assert.That(command.ToString(), Is.EqualTo(
            $"API_TOKEN=[REDACTED] dotnet {EchoTool.AssemblyPath} line [REDACTED] echo-stdin env API_TOKEN err-line [REDACTED] " +
            "err-line 'token was [REDACTED] and [REDACTED]!' exit 7 < [REDACTED]"));
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    [TestCase("times out")]
    [TestCase("is canceled")]
    [TestCase("cannot be started")]
    [TestCase("has no working directory")]
    [TestCase("is not on PATH")]
    public async Task No_failure_shows_a_secret_argument_input_or_environment_value(string failure)
    {
        // CliWrap's own command and CommandExecutionException print raw arguments: whichever way a run fails, what reaches
        // the caller (every property and inner exception) and the log must be the runner's redacted text only.
        var logger = new CapturingLogger();
        var printed = new List<string>();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var directory = Directory.CreateTempSubdirectory("process-tests-").FullName;
        try
        {
            // Prints its argument, the variable and its input to standard error, then waits to be stopped.
            var script = Path.Combine(directory, "tool.sh");
            await File.WriteAllTextAsync(script, "#!/bin/sh\necho \"$1\" >&2\necho \"$API_TOKEN\" >&2\ncat >&2\nexec sleep 600\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            ProcessCommand Tool(string program, string? searchPath = null) => ProcessCommand.For(program)
                .WithArguments(arguments => arguments.AddSecret(_argumentSecret))
                .WithEnvironment(environment => environment.SetSecret("API_TOKEN", _environmentSecret).Set(searchPath is null ? [] : [new("PATH", searchPath)]))
                .WithStandardInput(StandardInput.FromSecret(_inputSecret + "\n"))
                .WithKillGracePeriod(TimeSpan.FromMilliseconds(200))
                .WithLogger(logger)
                .WithOutputLogLevel(LogLevel.Information, LogLevel.Information)
                .WithErrorLine(printed.Add);
            var command = failure switch
            {
                "times out" => Tool(script).WithTimeout(TimeSpan.FromSeconds(5)),
                "is canceled" => Tool(script).WithErrorLine(line =>
                {
                    printed.Add(line);
                    if (line == _inputSecret)
                        cancellation.Cancel();
                }),
                "has no working directory" => Tool(script).WithWorkingDirectory(Path.Combine(directory, "missing")),
                "is not on PATH" => Tool("tool.sh", searchPath: Path.Combine(directory, "missing")),
                _ => Tool(script),
            };
            if (failure == "cannot be started")
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            var exception = await Assert.CatchAsync(() => command.ExecuteAsync(cancellation.Token));

            if (failure is "times out" or "is canceled")
                Assert.That(printed, Is.SupersetOf(Secrets), "the program did not print the secrets, so this test would prove nothing");
            Assert.That(exception, Is.InstanceOf<ProcessFailedException>().Or.InstanceOf<ProcessCanceledException>());
            var everything = string.Join("\n", logger.AllText, Shown(exception!), command.ToString());
            foreach (var secret in Secrets)
                Assert.That(everything, Does.Not.Contain(secret));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task A_multi_line_secret_on_standard_input_is_masked_line_by_line_in_the_log()
    {
        var keyLine = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" + Guid.NewGuid().ToString("N");
        var key = $"{{\n  \"type\": \"service_account\",\n  \"private_key\": \"{keyLine}\"\n}}\n";
        var logger = new CapturingLogger();

        var result = await EchoTool.Run("echo-stdin").WithStandardInput(StandardInput.FromSecret(key)).WithLogger(logger).ExecuteAsync();

        Assert.That(result.StandardOutput, Does.Contain(keyLine), "the result is what the program printed, unredacted");
        Assert.That(logger.AllText, Does.Not.Contain(keyLine));
        Assert.That(logger.AllText, Does.Contain("[REDACTED]"));
    }

    [Test]
    public async Task Secret_output_is_handed_to_the_caller_but_never_logged()
    {
        var logger = new CapturingLogger();
        var printedToken = "ya29." + Guid.NewGuid().ToString("N");

        var result = await EchoTool.Run("echo-stdin")
            .WithStandardInput(StandardInput.FromString(printedToken + "\n"))
            .WithSecretOutput()
            .WithOutputLogLevel(LogLevel.Information, LogLevel.Information)
            .WithLogger(logger)
            .ExecuteAsync();

        Assert.That(result.StandardOutput, Is.EqualTo(printedToken + "\n"));
        Assert.That(logger.Entries, Is.Not.Empty);
        Assert.That(logger.AllText, Does.Not.Contain(printedToken));
    }

    [Test]
    public async Task Secret_output_is_kept_out_of_the_failure_message()
    {
        var printedToken = "ya29." + Guid.NewGuid().ToString("N");

        var exception = await Assert.ThrowsAsync<ProcessExitCodeException>(() => EchoTool.Run("echo-stdin", "exit", "1")
            .WithStandardInput(StandardInput.FromString(printedToken + "\n"))
            .WithSecretOutput()
            .ExecuteAsync());

        Assert.That(exception!.Message, Does.Not.Contain(printedToken));
        Assert.That(exception.Message, Does.Not.Contain("standard output"));
    }

    [Test]
    public void Secret_parts_of_a_command_show_as_redacted_in_their_own_ToString()
    {
        Assert.That(new ProcessArgument(_argumentSecret, isSecret: true).ToString(), Is.EqualTo("[REDACTED]"));
        Assert.That(new EnvironmentVariableOverride("TOKEN", _environmentSecret, isSecret: true).ToString(), Is.EqualTo("TOKEN=[REDACTED]"));
        Assert.That(StandardInput.FromSecret(_inputSecret).ToString(), Is.EqualTo("[REDACTED]"));
    }

    /// <summary>Everything a caller can read from an exception: its text with inner exceptions, and each public property's value.</summary>
    private static string Shown(Exception exception) =>
        string.Join("\n", exception.GetType().GetProperties()
            .Select(property => property.GetValue(exception))
            .Select(value => value is IEnumerable<string> lines && value is not string ? string.Join("\n", lines) : value?.ToString())
            .Prepend(exception.ToString()));
}
