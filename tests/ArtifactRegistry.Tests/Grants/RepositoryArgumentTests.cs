using ArtifactRegistry.Hints;
using ArtifactRegistry.Grants;

namespace ArtifactRegistry.Tests.Grants;

public class RepositoryArgumentTests
{
    [TestCase("asia-docker.pkg.dev/sample-project/sample")]
    [TestCase("asia-docker.pkg.dev/sample-project/sample/")]
    [TestCase("asia-docker.pkg.dev/sample-project/sample/sample-api")]
    [TestCase("asia-docker.pkg.dev/sample-project/sample/team/sample-api:1.0")]
    [TestCase("projects/sample-project/locations/asia/repositories/sample")]
    public void A_repository_is_read_from_its_docker_path_an_image_in_it_or_its_resource_name(string text)
    {
        var repository = RepositoryArgument.Parse(text, "GrantReader", SettingNames.GrantRepository);

        Assert.That(repository.ToString(), Is.EqualTo("projects/sample-project/locations/asia/repositories/sample"));
    }

    [TestCase("asia-docker.pkg.dev/sample-project", "is not a repository")]
    [TestCase("gcr.io.example/p/r", "is not a repository")]
    [TestCase(null, "was given no repository")]
    [TestCase(" ", "was given no repository")]
    public void Anything_else_is_refused_with_the_forms(string? text, string message)
    {
        var error = Assert.Catch<ArgumentException>(() => RepositoryArgument.Parse(text, "GrantReader", SettingNames.GrantRepository))!;

        Assert.That(error.Message, Does.Contain(message).And.StartWith("GrantReader"));
    }
}
