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
}
