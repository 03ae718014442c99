using ArtifactRegistry.Hints;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Tests.Docker;

public sealed class DockerfileNotFoundTests
{
    [Test]
    public void A_missing_Dockerfile_is_reported_with_the_Dockerfiles_the_context_does_hold()
    {
        using var context = TempDirectory.Create("ard-ctx-");
        context.WriteFile("Dockerfile.prod", "FROM scratch\n");
        context.WriteFile("app.txt", "x");
        var settings = new ImageBuildSettings().SetContextDirectory(context.Path);

        var exception = Assert.Throws<DockerfileNotFoundException>(() => DockerfileNotFoundException.ThrowIfMissing(settings));

        Assert.That(exception!.FileName, Is.EqualTo(Path.Combine(context.Path, "Dockerfile")));
        Assert.That(exception.Message, Does.Contain($"The Dockerfile '{Path.Combine(context.Path, "Dockerfile")}' does not exist"));
        Assert.That(exception.Message, Does.Contain($"SetDockerfile(\"{Path.Combine(context.Path, "Dockerfile.prod")}\")"));
        Assert.That(SettingHints.NamedBy(exception), Is.EqualTo(new[] { SettingNames.Dockerfile }), "a host can show its own parameter for it");
    }

    [Test]
    public void A_missing_context_folder_is_reported_before_the_Dockerfile()
    {
        using var parent = TempDirectory.Create("ard-ctx-");
        var settings = new ImageBuildSettings().SetContextDirectory(parent.Combine("missing"));

        var exception = Assert.Throws<DockerfileNotFoundException>(() => DockerfileNotFoundException.ThrowIfMissing(settings));

        Assert.That(exception!.Message, Does.Contain("The build context folder"));
        Assert.That(exception.Message, Does.Contain("Point SetContextDirectory(…) at the folder"));
    }

    [Test]
    public void An_existing_Dockerfile_passes()
    {
        using var context = TempDirectory.Create("ard-ctx-");
        context.WriteFile("Dockerfile", "FROM scratch\n");

        Assert.DoesNotThrow(() => DockerfileNotFoundException.ThrowIfMissing(new ImageBuildSettings().SetContextDirectory(context.Path)));
    }
}
