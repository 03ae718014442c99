using Nuke.Common;
using Nuke.StandIn.Tests.Harness;

namespace Nuke.StandIn.Tests.Parameters;

public class ComponentParameterTests
{
    [ParameterPrefix("Registry")]
    private interface IRegistryComponent : INukeBuild
    {
        [Parameter("Registry host")] string Host => TryGetValue(() => Host) ?? "europe-docker.pkg.dev";

        [Parameter] int? Port => TryGetValue<int?>(() => Port);

        [Parameter] string? Repository => TryGetValue(() => Repository);

        Target Push => _ => _
            .Requires(() => Repository)
            .Executes(() => Journal.Record($"{Host}:{Port}/{Repository}"));
    }

    private class ComponentBuild : NukeBuild, IRegistryComponent;

    [Test]
    public void Component_parameters_resolve_through_TryGetValue_under_their_prefixed_names()
    {
        using var harness = new BuildHarness();
        harness.Environment["REGISTRY_PORT"] = "5000";

        var run = harness.Run<ComponentBuild>("Push", "--registry-host", "localhost", "--registry-repository", "apps");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "localhost:5000/apps" }));
    }

    [Test]
    public void A_component_parameter_falls_back_to_its_default()
    {
        using var harness = new BuildHarness();
        harness.WriteParametersFile("""{ "RegistryRepository": "apps" }""");

        harness.Run<ComponentBuild>("Push");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "europe-docker.pkg.dev:/apps" }));
    }

    [Test]
    public void A_missing_component_parameter_names_the_prefixed_flag_and_variable()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<ComponentBuild>("Push");

        Assert.That(run.StartFailure, Does.Contain("requires the parameter 'RegistryRepository'")
            .And.Contain("--registry-repository <value>").And.Contain("REGISTRY_REPOSITORY"));
    }

    [Test]
    public void A_malformed_component_parameter_is_left_out_with_a_warning_when_read()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<ComponentBuild>("Push", "--registry-repository", "apps", "--registry-port", "http");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
        Assert.That(run.Warnings.Single(), Does.Contain("[WRN] Could not inject value for ComponentParameterTests.IRegistryComponent.Port").And.EndWith(
            "Parameter 'RegistryPort' got 'http' from the command line (--registry-port), which is not a whole number, like 42."));
        Assert.That(Journal.Entries, Is.EqualTo(new[] { "europe-docker.pkg.dev:/apps" }));
    }

    [Test]
    public void Help_lists_component_parameters_under_their_prefixed_names()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<ComponentBuild>("--help");

        Assert.That(run.Lines.Any(x => x.TrimStart().StartsWith("--registry-host", StringComparison.Ordinal) && x.EndsWith("Registry host.")));
        Assert.That(run.Lines.Any(x => x.TrimStart().StartsWith("--registry-port", StringComparison.Ordinal)));
    }
}
