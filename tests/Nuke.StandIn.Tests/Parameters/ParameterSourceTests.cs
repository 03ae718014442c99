using Nuke.Common;
using Nuke.StandIn.Tests.Harness;

namespace Nuke.StandIn.Tests.Parameters;

public class ParameterSourceTests
{
    private class EchoBuild : NukeBuild
    {
        [Parameter] readonly string ImageName = "from-initializer";

        Target Show => _ => _.Executes(() => Journal.Record(ImageName));
    }

    [Test]
    public void The_command_line_wins_over_the_environment_and_the_parameters_file()
    {
        using var harness = new BuildHarness();
        harness.Environment["IMAGE_NAME"] = "from-environment";
        harness.WriteParametersFile("""{ "ImageName": "from-file" }""");

        harness.Run<EchoBuild>("Show", "--image-name", "from-command-line");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "from-command-line" }));
    }

    [Test]
    public void The_environment_wins_over_the_parameters_file()
    {
        using var harness = new BuildHarness();
        harness.Environment["IMAGE_NAME"] = "from-environment";
        harness.WriteParametersFile("""{ "ImageName": "from-file" }""");

        harness.Run<EchoBuild>("Show");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "from-environment" }));
    }

    [Test]
    public void The_parameters_file_gives_the_value_when_nothing_else_does()
    {
        using var harness = new BuildHarness();
        harness.WriteParametersFile("""{ "$schema": "./build.schema.json", "image-name": "from-file" }""");

        harness.Run<EchoBuild>("Show");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "from-file" }));
    }

    [Test]
    public void A_profile_file_overrides_the_base_parameters_file()
    {
        using var harness = new BuildHarness();
        harness.WriteParametersFile("""{ "ImageName": "from-file" }""");
        harness.WriteParametersFile("""{ "ImageName": "from-staging" }""", profile: "staging");

        harness.Run<EchoBuild>("Show", "--profile", "staging");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "from-staging" }));
    }

    [Test]
    public void A_missing_profile_fails_naming_the_file_to_create()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<EchoBuild>("Show", "--profile", "prod");

        Assert.That(run.StartFailure, Does.Contain("Profile 'prod' does not exist: create .nuke/parameters.prod.json"));
    }

    [Test]
    public void An_unset_parameter_keeps_the_value_of_its_initializer()
    {
        using var harness = new BuildHarness();

        harness.Run<EchoBuild>("Show");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "from-initializer" }));
    }

    [TestCase("IMAGE_NAME")]
    [TestCase("image_name")]
    [TestCase("ImageName")]
    [TestCase("NUKE_IMAGE_NAME")]
    [TestCase("nuke_imagename")]
    public void Environment_variable_names_ignore_case_and_underscores_and_may_have_a_NUKE_prefix(string variable)
    {
        using var harness = new BuildHarness();
        harness.Environment[variable] = "from-" + variable;

        harness.Run<EchoBuild>("Show");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "from-" + variable }));
    }

    [Test]
    public void An_unrelated_environment_variable_is_not_taken_for_a_parameter()
    {
        using var harness = new BuildHarness();
        harness.Environment["IMAGE_NAMES"] = "wrong";
        harness.Environment["MY_IMAGE_NAME"] = "wrong";

        harness.Run<EchoBuild>("Show");

        Assert.That(Journal.Entries, Is.EqualTo(new[] { "from-initializer" }));
    }

    [Test]
    public void A_misspelt_parameter_is_reported_with_a_suggestion()
    {
        using var harness = new BuildHarness();

        var run = harness.Run<EchoBuild>("Show", "--imge-name", "x");

        Assert.That(run.Lines.Single(x => x.Contains(" [WRN] ")), Does.EndWith("Ignoring unknown parameter --imge-name; did you mean --image-name?"));
    }
}
