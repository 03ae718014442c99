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
        var exception = Assert.Throws<FormatException>(() => EnvironmentFile.Parse("A=1\nsecret-token-value\n", "sandbox.env"));

        Assert.That(exception!.Message, Is.EqualTo("sandbox.env, line 2: expected NAME=value or export NAME='value'."));
    }

    [Test]
    public void A_missing_file_is_named()
    {
        using var folder = TempDirectory.Create("ard-env-");
        var path = folder.Combine("sandbox.env");

        var exception = Assert.Throws<FileNotFoundException>(() => EnvironmentFile.Read(path));

        Assert.That(exception!.Message, Does.Contain(path));
    }
}
