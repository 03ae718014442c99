using ArtifactRegistry.Hints;
using ArtifactRegistry.Docker;

namespace ArtifactRegistry.Tests.Docker;

public sealed class ImageBuildSettingsTests
{
    [Test]
    public void Fluent_changes_return_a_new_settings_object_and_leave_the_original_alone()
    {
        var original = new ImageBuildSettings();

        var changed = original
            .SetContextDirectory("src/app")
            .SetDockerfile("src/app/Dockerfile.prod")
            .AddBuildArg("VERSION", "1.2.3")
            .AddSecretBuildArg("NPM_TOKEN", "npm_secret")
            .SetTarget("runtime")
            .SetPlatform("linux/amd64")
            .AddLabel("team", "shop")
            .EnablePull()
            .EnableNoCache()
            .DisableOciLabels()
            .SetBuilder(DockerBuilder.Legacy);

        Assert.Multiple(() =>
        {
            Assert.That(original.ToString(), Is.EqualTo(new ImageBuildSettings().ToString()));
            Assert.That(changed.ContextDirectory, Is.EqualTo("src/app"));
            Assert.That(changed.DockerfilePath, Is.EqualTo("src/app/Dockerfile.prod"));
            Assert.That(changed.BuildArguments.Select(a => a.ToString()), Is.EqualTo(new[] { "VERSION=1.2.3", "NPM_TOKEN=[REDACTED]" }));
            Assert.That(changed.Target, Is.EqualTo("runtime"));
            Assert.That(changed.Platform, Is.EqualTo("linux/amd64"));
            Assert.That(changed.Labels["team"], Is.EqualTo("shop"));
            Assert.That(changed.Pull, Is.True);
            Assert.That(changed.NoCache, Is.True);
            Assert.That(changed.OciLabels, Is.False);
            Assert.That(changed.Builder, Is.EqualTo(DockerBuilder.Legacy));
            Assert.That(changed.ToString(), Does.Contain("BuildArguments = [VERSION=1.2.3, NPM_TOKEN=[REDACTED]]"));
            Assert.That(changed.ToString(), Does.Not.Contain("npm_secret"));
        });
    }

    [Test]
    public void Adding_a_build_argument_twice_keeps_the_last_value_and_reset_methods_undo_settings()
    {
        var settings = new ImageBuildSettings()
            .AddBuildArg("VERSION", "1")
            .AddBuildArg("VERSION", "2")
            .SetTarget("t").ResetTarget()
            .SetPlatform("linux/arm64").ResetPlatform()
            .SetDockerfile("x").ResetDockerfile()
            .AddLabel("a", "1").RemoveLabel("a");

        Assert.That(settings.BuildArguments.Select(a => a.Value), Is.EqualTo(new[] { "2" }));
        Assert.That(settings.Target, Is.Null);
        Assert.That(settings.Platform, Is.Null);
        Assert.That(settings.DockerfilePath, Is.Null);
        Assert.That(settings.Labels, Is.Empty);
        Assert.That(settings.RemoveBuildArg("VERSION").BuildArguments, Is.Empty);
    }

    [Test]
    public void The_Dockerfile_defaults_to_the_one_in_the_context_folder()
    {
        var settings = new ImageBuildSettings().SetContextDirectory("/src/app");

        Assert.That(settings.ResolveDockerfilePath(), Is.EqualTo("/src/app/Dockerfile"));
        Assert.That(settings.SetDockerfile("/other/Dockerfile").ResolveDockerfilePath(), Is.EqualTo("/other/Dockerfile"));
    }

    [TestCase("", "needs a name")]
    [TestCase("A=B", "contains '='")]
    public void A_build_argument_with_a_malformed_name_is_refused(string name, string expected)
    {
        var exception = Assert.Throws<SettingsException>(() => new ImageBuildSettings().AddBuildArg(name, "v"));

        Assert.That(exception!.Message, Does.Contain(expected));
    }

    [TestCase("NPM-TOKEN", "must be letters, digits and '_'")]
    [TestCase("DOCKER_HOST", "changes how docker itself runs")]
    [TestCase("PATH", "changes how docker itself runs")]
    public void A_secret_build_argument_whose_name_cannot_be_a_safe_environment_variable_is_refused(string name, string expected)
    {
        var exception = Assert.Throws<SettingsException>(() => new ImageBuildSettings().AddSecretBuildArg(name, "v"));

        Assert.That(exception!.Message, Does.Contain(expected));
    }

    [Test]
    public void A_label_key_with_an_equals_sign_is_refused_with_the_call_that_works()
    {
        var exception = Assert.Throws<SettingsException>(() => new ImageBuildSettings().AddLabel("team=shop", "x"));

        Assert.That(exception!.Message, Does.StartWith("Label key 'team=shop' contains '='").And.Contain("AddLabel(\"KEY\", \"value\")").And.Not.Contain("(Parameter"));
    }
}
