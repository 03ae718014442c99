using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.StandIn.Tests.Harness;
using Serilog;

namespace Nuke.StandIn.Tests.Secrets;

public class SecretRedactionTests
{
    private const string Token = "ya29.s3cr3t-t0ken-value";

    [ParameterPrefix("Registry")]
    private interface IRegistryCredentials : INukeBuild
    {
        [Parameter("Token for the registry")] [Secret] string? Token => TryGetValue(() => Token);
    }

    private class SecretBuild : NukeBuild, IRegistryCredentials
    {
        [Parameter("API key")] [Secret] readonly string? ApiKey;
        [Parameter] [Secret] readonly int? Pin;

        Target Log => _ => _.Executes(() =>
        {
            Serilog.Log.Information("Calling the registry with {Key}", ApiKey);
            Serilog.Log.Warning($"Inline: key={ApiKey}");
        });

        Target Echo => _ => _.Executes(() =>
            ProcessTasks.StartProcess("bash", $"-c \"echo process saw {ApiKey}; echo error saw {ApiKey} >&2\"").AssertZeroExitCode());

        Target Throw => _ => _.Executes(() => Nuke.Common.Assert.Fail($"Authentication with '{ApiKey}' was refused."));

        Target Unread => _ => _.Executes(() => Serilog.Log.Information("A file says " + File.ReadAllText(RootDirectory / "token.txt")));

        Target KeyLines => _ => _.Executes(() =>
        {
            foreach (var line in ApiKey!.Split('\n'))
                Serilog.Log.Information("key line: " + line);
            Serilog.Log.Information("{ \"unrelated\": \"json\" }");
        });
    }

    [Test]
    public void A_secret_value_is_redacted_in_every_logged_line()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<SecretBuild>("Log", "--api-key", Token);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Not.Contain(Token));
        Assert.That(run.Output, Does.Contain("Calling the registry with [REDACTED]").And.Contain("Inline: key=[REDACTED]"));
    }

    [Test]
    public void A_secret_value_is_redacted_in_process_output_and_the_logged_command_line()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<SecretBuild>("Echo", "--api-key", Token);

        Assert.That(run.Output, Does.Not.Contain(Token));
        Assert.That(run.Output, Does.Contain("process saw [REDACTED]").And.Contain("error saw [REDACTED]"));
        Assert.That(run.Lines.Any(x => x.Contains("> ") && x.Contains("bash") && x.Contains("[REDACTED]")));
    }

    [Test]
    public void A_secret_value_is_redacted_in_error_messages_and_the_summary()
    {
        using var harness = new BuildHarness();
        harness.Environment["API_KEY"] = Token;

        var run = harness.Run<SecretBuild>("Throw");

        Assert.That(run.ExitCode, Is.EqualTo(-1));
        Assert.That(run.Output, Does.Not.Contain(Token));
        Assert.That(run.Lines, Does.Contain("System.Exception: Authentication with '[REDACTED]' was refused."));
        Assert.That(run.SummaryRowOf("Throw"), Does.Contain("[REDACTED]"));
    }

    [Test]
    public void A_malformed_secret_value_is_not_echoed_in_the_warning()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<SecretBuild>("Log", "--pin", "12ab34cd");

        Assert.That(run.Output, Does.Not.Contain("12ab34cd"));
        Assert.That(run.Warnings.Single(x => x.Contains("Could not inject value for")), Does.Contain("Parameter 'Pin' got '[REDACTED]' from the command line (--pin)"));
    }

    [Test]
    public void A_component_secret_is_redacted_even_when_no_target_reads_it()
    {
        using var harness = new BuildHarness();
        harness.WriteParametersFile($$"""{ "RegistryToken": "{{Token}}" }""");
        File.WriteAllText(Path.Combine(harness.Root, "token.txt"), Token);

        var run = harness.Run<SecretBuild>("Unread");

        Assert.That(run.Output, Does.Not.Contain(Token));
        Assert.That(run.Output, Does.Contain("A file says [REDACTED]"));
    }

    [Test]
    public void Each_long_line_of_a_multi_line_secret_is_redacted_but_short_ones_like_braces_are_left_alone()
    {
        using var harness = new BuildHarness();
        const string keyLine = "\"private_key\": \"MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\"";
        harness.Environment["API_KEY"] = $"{{\n  {keyLine}\n}}\n";

        var run = harness.Run<SecretBuild>("KeyLines");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Output, Does.Not.Contain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"));
        Assert.That(run.Output, Does.Contain("key line:   [REDACTED]"));
        Assert.That(run.Output, Does.Contain("key line: {").And.Contain("{ \"unrelated\": \"json\" }"));
    }

    [Test]
    public void Help_lists_secret_parameters_as_NUKE_does_without_showing_their_values()
    {
        using var harness = new BuildHarness();
        harness.Environment["API_KEY"] = Token;

        var run = harness.Run<SecretBuild>("--help");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Lines.Any(x => x.TrimStart().StartsWith("--api-key ", StringComparison.Ordinal) && x.EndsWith("API key.")));
        Assert.That(run.Lines.Any(x => x.TrimStart().StartsWith("--registry-token ", StringComparison.Ordinal)));
        Assert.That(run.Output, Does.Not.Contain(Token));
    }
}
