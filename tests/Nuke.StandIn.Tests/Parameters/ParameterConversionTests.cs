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
            "Show", "--push", "--port", "8080", "--channel", "preview", "--timeout", "00:01:30", "--output", "out/images", "--zone", "europe-west1-b");

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

    [TestCase("--timeout", "1.02:03:04", "timeout=1.02:03:04")]
    [TestCase("--timeout", "00:00:02", "timeout=00:00:02")]
    [TestCase("--push", "True", "push=True")]
    [TestCase("--channel", "PREVIEW", "channel=Preview")]
    public void Values_convert_as_their_TypeDescriptor_converters_read_them(string flag, string value, string expected)
    {
        using var harness = new BuildHarness();

        var run = harness.Run<TypedBuild>("Show", flag, value);

        Assert.That(run.Warnings, Is.Empty, run.Output);
        Assert.That(Journal.Entries, Does.Contain(expected));
    }

    // What NUKE 10.1 does with a value its converters refuse: a warning, and the member keeps its default.
    [TestCase("--port", "eighty", "Port", "port=80", "Parameter 'Port' got 'eighty' from the command line (--port), which is not a whole number, like 42.")]
    [TestCase("--channel", "nightly", "Channel", "channel=Stable", "Parameter 'Channel' got 'nightly' from the command line (--channel), which is not one of Stable, Preview.")]
    [TestCase("--timeout", "90s", "Timeout", "timeout=00:00:00", "Parameter 'Timeout' got '90s' from the command line (--timeout), which is not a TimeSpan written [d.]hh:mm[:ss], like 00:05:00.")]
    [TestCase("--timeout", "50ms", "Timeout", "timeout=00:00:00", "which is not a TimeSpan")]
    [TestCase("--push", "yes", "Push", "push=False", "Parameter 'Push' got 'yes' from the command line (--push), which is not a boolean: use true or false.")]
    [TestCase("--push", "1", "Push", "push=False", "which is not a boolean")]
    public void A_value_NUKE_cannot_convert_is_left_out_with_a_warning_naming_the_member_and_the_build_goes_on(
        string flag, string value, string member, string kept, string reason)
    {
        using var harness = new BuildHarness();

        var run = harness.Run<TypedBuild>("Show", flag, value);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Warnings.Single(), Does.Contain($"[WRN] Could not inject value for ParameterConversionTests.TypedBuild.{member}").And.Contain(reason));
        Assert.That(Journal.Entries, Does.Contain(kept));
    }

    [Test]
    public void A_malformed_environment_value_is_left_out_with_a_warning_naming_the_variable()
    {
        using var harness = new BuildHarness();
        harness.Environment["NUKE_PORT"] = "80a";

        var run = harness.Run<TypedBuild>("Show");

        Assert.That(run.Warnings.Single(), Does.EndWith(
            "Parameter 'Port' got '80a' from the environment variable NUKE_PORT, which is not a whole number, like 42."));
        Assert.That(Journal.Entries, Does.Contain("port=80"));
    }

    [Test]
    public void A_single_value_parameter_given_two_values_is_left_out_with_a_warning()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<TypedBuild>("Show", "--port", "81", "82");

        Assert.That(run.Warnings.Single(), Does.Contain("got '81 82' from the command line (--port), but it takes a single value"));
        Assert.That(Journal.Entries, Does.Contain("port=80"));
    }

    [Test]
    public void A_target_written_after_a_parameter_gets_the_order_that_works()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<TypedBuild>("--channel", "Preview", "Show");

        Assert.That(run.Warnings.Single(), Does.EndWith(
            "Parameter 'Channel' got 'Preview Show' from the command line (--channel), but it takes a single value. " +
            "If 'Show' is a target, name it before the parameters: Show --channel Preview"));
        Assert.That(Journal.Entries, Is.Empty);
    }

    [Test]
    public void A_value_parameter_given_without_a_value_keeps_its_default_as_in_NUKE()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<TypedBuild>("Show", "--port");

        Assert.That(run.Warnings, Is.Empty, run.Output);
        Assert.That(Journal.Entries, Does.Contain("port=80"));
    }

    [Test]
    public void Invalid_json_in_the_parameters_file_fails_naming_the_file()
    {
        using var harness = new BuildHarness();
        harness.WriteParametersFile("{ \"Port\": ");

        var run = harness.Run<TypedBuild>("Show");

        Assert.That(run.StartFailure, Does.Contain(".nuke/parameters.json is not valid JSON"));
    }
}
