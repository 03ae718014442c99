using System.Text;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Tests.Processes;

public sealed class RunningProgramsTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("process-tests-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task I_can_run_a_program_and_get_its_exit_code_and_output()
    {
        var before = DateTimeOffset.Now;

        var result = await EchoTool.Run("line", "hello world", "err-line", "a warning", "exit", "0").ExecuteAsync();

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.StandardOutput, Is.EqualTo("hello world\n"));
        Assert.That(result.StandardError, Is.EqualTo("a warning\n"));
        Assert.That(result.ProcessId, Is.GreaterThan(0));
        Assert.That(result.StartTime, Is.InRange(before, DateTimeOffset.Now));
        Assert.That(result.Duration, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public async Task I_can_run_a_program_by_absolute_path_with_arguments_passed_verbatim()
    {
        string[] awkward = ["two words", "it's", "\"quoted\"", "$HOME", "*", "", "back\\slash"];

        var result = await ProcessCommand.For("/bin/sh")
            .WithArguments(arguments => arguments.Add("-c").Add("""for a in "$@"; do printf '<%s>\n' "$a"; done""").Add("sh").Add(awkward))
            .ExecuteAsync();

        Assert.That(result.StandardOutput, Is.EqualTo(string.Concat(awkward.Select(argument => $"<{argument}>\n"))));
    }

    [Test]
    public async Task I_can_pass_standard_input_as_a_string()
    {
        var result = await EchoTool.Run("echo-stdin").WithStandardInput(StandardInput.FromString("first\nzweite Zeile ü\n")).ExecuteAsync();

        Assert.That(result.StandardOutput, Is.EqualTo("first\nzweite Zeile ü\n"));
    }

    [Test]
    public async Task I_can_pass_standard_input_as_a_stream_and_the_stream_stays_open()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("from a stream\n"));

        var result = await EchoTool.Run("echo-stdin").WithStandardInput(StandardInput.FromStream(stream)).ExecuteAsync();

        Assert.That(result.StandardOutput, Is.EqualTo("from a stream\n"));
        Assert.That(stream.CanRead, Is.True);
    }

    [Test]
    public async Task I_can_pass_standard_input_from_a_file()
    {
        var file = Path.Combine(_directory, "input.txt");
        await File.WriteAllTextAsync(file, "from a file\n");

        var result = await EchoTool.Run("echo-stdin").WithStandardInput(StandardInput.FromFile(file)).ExecuteAsync();

        Assert.That(result.StandardOutput, Is.EqualTo("from a file\n"));
    }

    [Test]
    public async Task A_program_reading_standard_input_without_any_given_sees_its_end_at_once()
    {
        var result = await EchoTool.Run("echo-stdin", "line", "done").WithTimeout(TimeSpan.FromSeconds(30)).ExecuteAsync();

        Assert.That(result.StandardOutput, Is.EqualTo("done\n"));
    }

    [Test]
    public async Task A_program_that_ignores_its_standard_input_does_not_fail_the_run()
    {
        var input = new string('x', 4 << 20);

        var result = await EchoTool.Run("line", "ignored").WithStandardInput(StandardInput.FromString(input)).ExecuteAsync();

        Assert.That(result.StandardOutput, Is.EqualTo("ignored\n"));
    }

    [Test]
    public async Task I_can_set_and_remove_environment_variables_while_the_rest_is_inherited()
    {
        var inherited = Environment.GetEnvironmentVariable("HOME");
        Assume.That(inherited, Is.Not.Null, "HOME must be set for this test.");

        var result = await ProcessCommand.For("/bin/sh")
            .WithArguments(["-c", """printf '%s|%s|%s\n' "$MY_SETTING" "${HOME-<unset>}" "${PWD+set}" """])
            .WithEnvironment(environment => environment.Set("MY_SETTING", "value with spaces").Remove("HOME"))
            .ExecuteAsync();

        Assert.That(result.StandardOutput, Is.EqualTo("value with spaces|<unset>|set\n"));
    }

    [Test]
    public async Task A_later_environment_setting_replaces_an_earlier_one_for_the_same_name()
    {
        var result = await EchoTool.Run("env", "MY_SETTING")
            .WithEnvironment(environment => environment.Set("MY_SETTING", "first").Set("MY_SETTING", "second"))
            .ExecuteAsync();

        Assert.That(result.StandardOutput, Is.EqualTo("second\n"));
    }

    [Test]
    public async Task I_can_run_a_program_in_another_working_directory()
    {
        var result = await EchoTool.Run("cwd").WithWorkingDirectory(_directory).ExecuteAsync();

        Assert.That(result.StandardOutput.TrimEnd(), Is.EqualTo(Path.GetFullPath(_directory)));
    }

    [Test]
    public async Task I_can_turn_output_buffering_off_and_still_get_lines_streamed()
    {
        var lines = new List<string>();

        var result = await EchoTool.Run("out", "3").WithOutputBuffering(false).WithOutputLine(lines.Add).ExecuteAsync();

        Assert.That(result.StandardOutput, Is.Empty);
        Assert.That(lines, Is.EqualTo(new[] { "out 1", "out 2", "out 3" }));
    }

    [Test]
    public async Task Commands_are_immutable()
    {
        var original = EchoTool.Run("line", "original");

        var changed = original.WithArguments(["changed"]).WithTimeout(TimeSpan.FromSeconds(1)).WithValidation(ProcessValidation.None);

        Assert.That(original.Arguments.Select(argument => argument.Value), Is.EqualTo(new[] { EchoTool.AssemblyPath, "line", "original" }));
        Assert.That(original.Timeout, Is.Null);
        Assert.That(original.Validation, Is.EqualTo(ProcessValidation.ZeroExitCode));
        Assert.That(changed.Arguments.Select(argument => argument.Value), Is.EqualTo(new[] { "changed" }));
        Assert.That((await original.ExecuteAsync()).StandardOutput, Is.EqualTo("original\n"));
    }

    [Test]
    public void A_command_shows_itself_as_a_shell_line_with_environment_and_quoting()
    {
        var command = ProcessCommand.For("docker")
            .WithArguments(arguments => arguments.Add("build").Add("--label").Add("note=two words").Add("it's"))
            .WithEnvironment(environment => environment.Set("DOCKER_CONFIG", "/tmp/config dir").Remove("DOCKER_HOST"))
            .WithStandardInput(StandardInput.FromString("data"));

        Assert.That(command.ToString(), Is.EqualTo(
            """env -u DOCKER_HOST DOCKER_CONFIG='/tmp/config dir' docker build --label 'note=two words' 'it'\''s' < <4 bytes>"""));
    }
}
