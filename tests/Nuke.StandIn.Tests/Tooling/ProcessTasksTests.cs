using Nuke.Common.Tooling;

namespace Nuke.StandIn.Tests.Tooling;

public class ProcessTasksTests
{
    [Test]
    public void Output_lines_are_collected_by_stream_in_order()
    {
        using var process = ProcessTasks.StartProcess("bash", "-c \"echo one; echo two >&2; echo three\"", logOutput: false)
            .AssertZeroExitCode();

        Assert.That(process.Output.Where(x => x.Type == OutputType.Std).Select(x => x.Text), Is.EqualTo(new[] { "one", "three" }));
        Assert.That(process.Output.Where(x => x.Type == OutputType.Err).Select(x => x.Text), Is.EqualTo(new[] { "two" }));
        Assert.That(process.Output.StdToText(), Is.EqualTo($"one{Environment.NewLine}three"));
    }

    [Test]
    public void Each_line_goes_to_the_logger_while_the_process_runs()
    {
        var lines = new List<(OutputType, string)>();

        ProcessTasks.StartProcess("bash", "-c \"echo out; echo err >&2\"", logger: (type, text) => { lock (lines) lines.Add((type, text)); })
            .AssertZeroExitCode();

        Assert.That(lines, Is.EquivalentTo(new[] { (OutputType.Std, "out"), (OutputType.Err, "err") }));
    }

    [Test]
    public void A_non_zero_exit_code_throws_a_ProcessException_showing_the_command_directory_and_error_output()
    {
        var directory = Path.GetTempPath();

        var exception = Assert.Throws<ProcessException>(() =>
            ProcessTasks.StartProcess("bash", "-c \"echo denied >&2; exit 3\"", workingDirectory: directory, logOutput: false)
                .AssertZeroExitCode());

        Assert.That(exception!.ExitCode, Is.EqualTo(3));
        Assert.That(exception.Message, Does.StartWith("Process 'bash' exited with code 3."));
        Assert.That(exception.Message, Does.Contain("-c \"echo denied >&2; exit 3\"").And.Contain($"@ {directory}").And.Contain("denied"));
    }

    [Test]
    public void Given_environment_variables_replace_the_inherited_ones()
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH")!,
            ["ONLY_THIS"] = "yes"
        };

        using var process = ProcessTasks.StartProcess("bash", "-c \"echo $ONLY_THIS-${HOME:-nohome}\"", environmentVariables: environment, logOutput: false)
            .AssertZeroExitCode();

        Assert.That(process.Output.StdToText(), Is.EqualTo("yes-nohome"));
    }

    [Test]
    public void The_output_filter_hides_text_in_the_arguments_and_the_logged_lines()
    {
        var logged = new List<string>();

        using var process = ProcessTasks.StartProcess("bash", "-c \"echo hunter2\"",
                logger: (_, text) => { lock (logged) logged.Add(text); }, outputFilter: x => x.Replace("hunter2", "[REDACTED]"))
            .AssertZeroExitCode();

        Assert.That(process.Arguments, Is.EqualTo("-c \"echo [REDACTED]\""));
        Assert.That(logged, Is.EqualTo(new[] { "[REDACTED]" }));
    }

    [Test]
    public void A_process_over_its_timeout_is_killed_and_AssertWaitForExit_fails()
    {
        var process = ProcessTasks.StartProcess("bash", "-c \"sleep 30\"", timeout: 300, logOutput: false);

        var exception = Assert.Throws<ArgumentException>(() => process.AssertWaitForExit());

        Assert.That(exception!.Message, Does.Contain("did not exit within its timeout"));
        Assert.That(process.HasExited);
        process.Dispose();
    }

    [Test]
    public void A_tool_missing_from_the_PATH_fails_saying_so()
    {
        var exception = Assert.Throws<ArgumentException>(() => ProcessTasks.StartProcess("no-such-tool-anywhere"));

        Assert.That(exception!.Message, Does.Contain("Could not find 'no-such-tool-anywhere' on the PATH"));
    }
}
