using Nuke.Common;
using Nuke.Common.IO;
using Nuke.StandIn.Tests.Harness;

namespace Nuke.StandIn.Tests.Parameters;

public class ParameterConversionTests
{
    private enum Channel
    {
        Stable,
        Preview
    }

    private class TypedBuild : NukeBuild
    {
        [Parameter] readonly bool Push;
        [Parameter] readonly int Port = 80;
        [Parameter] readonly Channel Channel;
        [Parameter] readonly TimeSpan Timeout;
        [Parameter] readonly AbsolutePath? Output;
        [Parameter] readonly string[] Tags = [];
        [Parameter(Separator = ",")] readonly string[] Hosts = [];
        [Parameter(Name = "Zone")] readonly string? ClusterZone;

        Target Show => _ => _.Executes(() =>
        {
            Journal.Record($"push={Push}");
            Journal.Record($"port={Port}");
            Journal.Record($"channel={Channel}");
            Journal.Record($"timeout={Timeout}");
            Journal.Record($"output={Output}");
            Journal.Record($"tags={string.Join("|", Tags)}");
            Journal.Record($"hosts={string.Join("|", Hosts)}");
            Journal.Record($"zone={ClusterZone}");
        });
    }

    [Test]
    public void Values_are_converted_to_the_member_types()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<TypedBuild>(
            "Show", "--push", "--port", "8080", "--channel", "preview", "--timeout", "90s", "--output", "out/images", "--zone", "europe-west1-b");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(Journal.Entries, Is.SupersetOf(new[]
        {
            "push=True", "port=8080", "channel=Preview", "timeout=00:01:30",
            $"output={Path.Combine(harness.Root, "out", "images")}", "zone=europe-west1-b"
        }));
    }

    [Test]
    public void Lists_take_space_separated_values_on_the_command_line()
    {
        using var harness = new BuildHarness();

        harness.Run<TypedBuild>("Show", "--tags", "v1.2.3", "latest", "--push");

        Assert.That(Journal.Entries, Does.Contain("tags=v1.2.3|latest"));
        Assert.That(Journal.Entries, Does.Contain("push=True"));
    }

    [Test]
    public void A_separator_splits_a_list_given_in_an_environment_variable_or_the_parameters_file()
    {
        using var harness = new BuildHarness();
        harness.Environment["HOSTS"] = "europe-docker.pkg.dev, us-docker.pkg.dev";
        harness.WriteParametersFile("""{ "Tags": ["a", "b"] }""");

        harness.Run<TypedBuild>("Show");

        Assert.That(Journal.Entries, Does.Contain("hosts=europe-docker.pkg.dev|us-docker.pkg.dev"));
        Assert.That(Journal.Entries, Does.Contain("tags=a|b"));
    }

    [Test]
    public void A_boolean_flag_can_be_switched_off_explicitly_and_a_json_boolean_works_too()
    {
        using var harness = new BuildHarness();
        harness.WriteParametersFile("""{ "Push": true, "Port": 5000 }""");

        harness.Run<TypedBuild>("Show", "--push", "false");
        Assert.That(Journal.Entries, Does.Contain("push=False").And.Contain("port=5000"));

        Journal.Clear();
        harness.Run<TypedBuild>("Show");
        Assert.That(Journal.Entries, Does.Contain("push=True"));
    }

    [TestCase("--port", "eighty", "Parameter 'Port' got 'eighty' from the command line (--port), which is not a whole number, like 42.")]
    [TestCase("--channel", "nightly", "Parameter 'Channel' got 'nightly' from the command line (--channel), which is not one of Stable, Preview.")]
    [TestCase("--timeout", "soon", "Parameter 'Timeout' got 'soon' from the command line (--timeout), which is not a duration, like 00:05:00, 30s or 5m.")]
    public void A_malformed_value_fails_with_one_line_naming_the_parameter_where_it_came_from_and_what_is_expected(
        string flag, string value, string expected)
    {
        using var harness = new BuildHarness();

        var run = harness.Run<TypedBuild>("Show", flag, value);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.ErrorLines.Single(), Does.EndWith(expected));
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void A_malformed_environment_value_names_the_variable()
    {
        using var harness = new BuildHarness();
        harness.Environment["NUKE_PORT"] = "80a";

        var run = harness.Run<TypedBuild>("Show");

        Assert.That(run.ErrorLines.Single(), Does.EndWith(
            "Parameter 'Port' got '80a' from the environment variable NUKE_PORT, which is not a whole number, like 42."));
    }

    [Test]
    public void A_single_value_parameter_given_two_values_fails()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<TypedBuild>("Show", "--port", "80", "81");

        Assert.That(run.ErrorLines.Single(), Does.Contain("got '80 81' from the command line (--port), but it takes a single value"));
    }

    [Test]
    public void A_target_written_after_a_parameter_gets_the_order_that_works()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<TypedBuild>("--channel", "Preview", "Show");

        Assert.That(run.ErrorLines.Single(), Does.EndWith(
            "Parameter 'Channel' got 'Preview Show' from the command line (--channel), but it takes a single value, like Stable. " +
            "If 'Show' is a target, name it before the parameters: Show --channel Preview"));
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void A_value_parameter_without_a_value_fails()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<TypedBuild>("Show", "--port");

        Assert.That(run.ErrorLines.Single(), Does.EndWith("Parameter 'Port' is given in the command line (--port) without a value; give it one, like 42."));
    }

    [Test]
    public void Invalid_json_in_the_parameters_file_fails_naming_the_file()
    {
        using var harness = new BuildHarness();
        harness.WriteParametersFile("{ \"Port\": ");

        var run = harness.Run<TypedBuild>("Show");

        Assert.That(run.ErrorLines.Single(), Does.Contain(".nuke/parameters.json is not valid JSON"));
    }
}
