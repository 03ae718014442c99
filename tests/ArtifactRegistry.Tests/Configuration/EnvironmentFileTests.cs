using ArtifactRegistry.Configuration;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Tests.Configuration;

public sealed class EnvironmentFileTests
{
    [Test]
    public void I_can_read_the_sandbox_env_file_format_with_exports_comments_and_quotes()
    {
        var variables = EnvironmentFile.Parse("""
            # Artifact Registry sandbox. Load it with: source .nuke/temp/sandbox.env
            export ARTIFACT_REGISTRY_HOST_MAP='asia-docker.pkg.dev=127.0.0.1:40001,us-docker.pkg.dev=127.0.0.1:40002'
            export CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY='http://127.0.0.1:40000/'
            export QUOTED='it'\''s'
            PLAIN=value # trailing comment
            DOUBLE="a \"b\" $c"
            EMPTY=
            """);

        Assert.That(variables, Is.EqualTo(new Dictionary<string, string>
        {
            ["ARTIFACT_REGISTRY_HOST_MAP"] = "asia-docker.pkg.dev=127.0.0.1:40001,us-docker.pkg.dev=127.0.0.1:40002",
            ["CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY"] = "http://127.0.0.1:40000/",
            ["QUOTED"] = "it's",
            ["PLAIN"] = "value",
            ["DOUBLE"] = "a \"b\" $c",
            ["EMPTY"] = "",
        }));
    }

    [Test]
    public void A_line_that_is_no_assignment_is_reported_by_line_number_without_its_content()
    {
        var exception = Assert.Throws<ConfigurationException>(() => EnvironmentFile.Parse("A=1\nsecret-token-value\n", "sandbox.env"));

        Assert.That(exception!.Message.Split(Environment.NewLine)[0], Is.EqualTo("The environment file sandbox.env, line 2, is not an assignment."));
        Assert.That(exception.Message, Does.Contain("Make the line an assignment").And.Not.Contain("secret-token-value"));
        Assert.That(exception.Origin, Is.EqualTo("sandbox.env, line 2"));
    }

    [TestCase("A='open\n", "opens a single quote it does not close")]
    [TestCase("A=\"open\n", "opens a double quote it does not close")]
    public void An_unclosed_quote_is_reported_with_its_fix_first(string text, string what)
    {
        var exception = Assert.Throws<ConfigurationException>(() => EnvironmentFile.Parse(text, "sandbox.env"));

        var lines = exception!.Message.Split(Environment.NewLine);
        Assert.That(lines[0], Is.EqualTo($"The environment file sandbox.env, line 1, {what}."));
        Assert.That(lines[2], Does.StartWith("Close the quote on that line"));
    }

    [Test]
    public void A_missing_file_is_named()
    {
        using var folder = TempDirectory.Create("ard-env-");
        var path = folder.Combine("sandbox.env");

        var exception = Assert.Throws<ConfigurationException>(() => EnvironmentFile.Read(path));

        Assert.That(exception!.Message.Split(Environment.NewLine)[0], Is.EqualTo($"The environment file '{path}' does not exist."));
        Assert.That(exception.Message, Does.Contain("Give the path of an existing file to SetEnvironmentFile"));
    }
}
