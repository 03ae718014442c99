using ArtifactRegistry.References;

namespace ArtifactRegistry.Tests.References;

/// <summary>
/// The migration script from the first seed article built
/// <c>REGISTRY_URL="asia-docker.pkg.dev/${REGISTRY_IMAGE_PROJECT}/${IMAGE_NAME}"</c> with project <c>sample_project</c> and
/// image <c>sample-api</c>, and only learnt at <c>docker push</c> time that the repository segment was missing.
/// </summary>
public class SeedScriptReferenceTests
{
    private const string SeedRegistryUrl = "asia-docker.pkg.dev/sample_project/sample-api";
    private const string SeedWorkaround = "asia-docker.pkg.dev/sample_project/sample-api/sample";

    [Test]
    public void The_seed_scripts_registry_url_fails_before_anything_runs_with_the_full_explanation()
    {
        var exception = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse(SeedRegistryUrl + ":latest"));

        Assert.That(exception!.Message, Is.EqualTo(
            """
            'asia-docker.pkg.dev/sample_project/sample-api:latest' is not a valid Artifact Registry image reference: the REPOSITORY segment is missing; 'sample_project' is not a valid project ID (underscores ('_') are not allowed).
              1. The REPOSITORY segment is missing: Artifact Registry image paths have the form HOST/PROJECT-ID/REPOSITORY/IMAGE, but this one has only HOST/PROJECT-ID/IMAGE, the Container Registry form (gcr.io/PROJECT-ID/IMAGE) that has no repository level. Docker would refuse the push with "name invalid: Missing image name".
                 Corrected example: asia-docker.pkg.dev/sample-project/my-repo/sample-api:latest (my-repo stands for a Docker repository of project sample-project in asia).
                 To list the repositories: gcloud artifacts repositories list --project=sample-project --location=asia
                 To create one: gcloud artifacts repositories create my-repo --repository-format=docker --location=asia --project=sample-project
                 If 'sample-api' is meant to be the repository, the image name comes after it: asia-docker.pkg.dev/sample-project/sample-api/IMAGE.
              2. 'sample_project' is not a valid project ID: underscores ('_') are not allowed.
                 A project ID has 6 to 30 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (a domain-scoped project is example.com:my-project, written example.com/my-project in an image path). Did you mean 'sample-project'?
                 A project's display name is not its ID: `gcloud projects list` shows the IDs.
              How it was read:
                host        asia-docker.pkg.dev -> location asia (multi-region: Asia)
                project     sample_project
                repository  (missing)
                image       sample-api
                tag         latest
                digest      (none)
            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void The_seed_scripts_registry_url_reports_the_missing_repository_before_the_bad_project()
    {
        ImageReference.TryParse(SeedRegistryUrl, out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(error!.Problems.Select(p => p.Kind),
                Is.EqualTo(new[] { ImageReferenceProblemKind.MissingRepository, ImageReferenceProblemKind.InvalidProjectId }));
            Assert.That(error.Problems[0].Detail, Does.Contain("HOST/PROJECT-ID/REPOSITORY/IMAGE"));
            Assert.That(error.Problems[0].Detail, Does.Contain("Corrected example: asia-docker.pkg.dev/sample-project/my-repo/sample-api "));
            Assert.That(error.Problems[1].Detail, Does.Contain("underscores ('_') are not allowed"));
            Assert.That(error.Problems[1].Detail, Does.Contain("lowercase letters, digits and hyphens"));
        });
    }

    [Test]
    public void The_seed_scripts_workaround_is_explained_as_repository_sample_api_and_image_sample()
    {
        var exception = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse(SeedWorkaround));

        Assert.That(exception!.Message, Is.EqualTo(
            """
            'asia-docker.pkg.dev/sample_project/sample-api/sample' is not a valid Artifact Registry image reference: 'sample_project' is not a valid project ID (underscores ('_') are not allowed).
              1. 'sample_project' is not a valid project ID: underscores ('_') are not allowed.
                 A project ID has 6 to 30 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen (a domain-scoped project is example.com:my-project, written example.com/my-project in an image path). Did you mean 'sample-project'?
                 A project's display name is not its ID: `gcloud projects list` shows the IDs.
              How it was read:
                host        asia-docker.pkg.dev -> location asia (multi-region: Asia)
                project     sample_project
                repository  sample-api
                image       sample
                tag         (none: docker and gcloud would silently use :latest)
                digest      (none)
            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void The_seed_scripts_workaround_with_a_valid_project_parses_as_repository_sample_api_and_image_sample()
    {
        var reference = ImageReference.Parse("asia-docker.pkg.dev/sample-project/sample-api/sample:latest");

        Assert.Multiple(() =>
        {
            Assert.That(reference.Repository, Is.EqualTo("sample-api"));
            Assert.That(reference.ImagePath, Is.EqualTo("sample"));
            Assert.That(reference.Explain(), Is.EqualTo(
                """
                host        asia-docker.pkg.dev -> location asia (multi-region: Asia)
                project     sample-project
                repository  sample-api
                image       sample
                tag         latest
                digest      (none)
                """.ReplaceLineEndings("\n")));
        });
    }

    [Test]
    public void The_corrected_example_from_the_error_is_itself_a_valid_reference_once_the_repository_is_named()
    {
        ImageReference.TryParse(SeedRegistryUrl + ":latest", out _, out var error);
        var example = error!.Problems[0].Detail.Split("Corrected example: ")[1].Split(' ')[0];

        var reference = ImageReference.Parse(example);

        Assert.That(reference.RepositoryName.ToString(), Is.EqualTo("projects/sample-project/locations/asia/repositories/my-repo"));
    }
}
