using ArtifactRegistry.References;

namespace ArtifactRegistry.Tests.References;

public class ImageReferenceTests
{
    private const string Hex = "015d97e86f5a02f115710610fd9e96956ba2018567421f86a438bf77e581b75a";
    private static readonly ImageDigest Digest = ImageDigest.FromSha256Hex(Hex);

    [Test]
    public void A_reference_without_a_tag_keeps_the_tag_null_instead_of_assuming_latest()
    {
        var reference = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app");

        Assert.Multiple(() =>
        {
            Assert.That(reference.Tag, Is.Null);
            Assert.That(reference.HasTag, Is.False);
            Assert.That(reference.HasTagOrDigest, Is.False);
            Assert.That(reference.TagOrImplicitLatest, Is.EqualTo("latest"));
            Assert.That(reference.ToString(), Does.Not.Contain("latest"));
        });
    }

    [Test]
    public void Asking_a_reference_without_a_tag_for_its_tag_name_refuses_to_guess_latest()
    {
        var reference = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app");

        var exception = Assert.Throws<InvalidOperationException>(() => _ = reference.TagName);

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Does.Contain("has no tag"));
            Assert.That(exception.Message, Does.Contain("this library does not guess"));
            Assert.That(exception.Message, Does.Contain("WithTag(\"latest\") gives asia-docker.pkg.dev/my-project/repo/app:latest"));
        });
    }

    [Test]
    public void Asking_a_reference_without_a_digest_for_its_version_name_explains_what_a_version_is()
    {
        var reference = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app:v1");

        var exception = Assert.Throws<InvalidOperationException>(() => _ = reference.VersionName);

        Assert.That(exception!.Message, Does.Contain("has no digest, so it names no version"));
    }

    [Test]
    public void Deleting_by_bare_name_is_refused_because_it_would_silently_mean_latest()
    {
        var reference = ImageReference.Parse("gcr.io/my-project/app");

        var exception = Assert.Throws<InvalidImageReferenceException>(() => reference.RequireTagOrDigest("deleting an image"));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Problems.Single().Kind, Is.EqualTo(ImageReferenceProblemKind.NoTagOrDigest));
            Assert.That(exception.Message.Split('\n')[0], Is.EqualTo(
                "'gcr.io/my-project/app' is not a valid Artifact Registry image reference: it names neither a tag nor a digest, which deleting an image needs."));
            Assert.That(exception.Message, Does.Contain("Implicit :latest tag specified"));
            Assert.That(exception.Message, Does.Contain("gcr.io/my-project/app:latest if you really mean the tag latest"));
            Assert.That(exception.Message, Does.Contain("gcr.io/my-project/app@sha256:<digest> for one exact image"));
        });
    }

    [Test]
    public void A_reference_with_a_tag_or_a_digest_passes_the_explicit_version_check_unchanged()
    {
        var tagged = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app:latest");
        var pinned = ImageReference.Parse($"asia-docker.pkg.dev/my-project/repo/app@sha256:{Hex}");

        Assert.Multiple(() =>
        {
            Assert.That(tagged.RequireTagOrDigest("deleting an image"), Is.SameAs(tagged));
            Assert.That(pinned.RequireTagOrDigest("deleting an image"), Is.SameAs(pinned));
        });
    }

    [Test]
    public void With_methods_return_new_references_and_leave_the_original_untouched()
    {
        var original = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app:v1");

        var pinned = original.WithDigest(Digest);
        var retagged = pinned.WithTag("v2");
        var untagged = retagged.WithoutTag();
        var bare = untagged.WithoutDigest();

        Assert.Multiple(() =>
        {
            Assert.That(original.ToString(), Is.EqualTo("asia-docker.pkg.dev/my-project/repo/app:v1"));
            Assert.That(pinned.ToString(), Is.EqualTo($"asia-docker.pkg.dev/my-project/repo/app:v1@sha256:{Hex}"));
            Assert.That(retagged.ToString(), Is.EqualTo($"asia-docker.pkg.dev/my-project/repo/app:v2@sha256:{Hex}"));
            Assert.That(untagged.ToString(), Is.EqualTo($"asia-docker.pkg.dev/my-project/repo/app@sha256:{Hex}"));
            Assert.That(bare.ToString(), Is.EqualTo("asia-docker.pkg.dev/my-project/repo/app"));
            Assert.That(bare.Name, Is.EqualTo("asia-docker.pkg.dev/my-project/repo/app"));
        });
    }

    [Test]
    public void WithDigest_accepts_the_digest_as_text()
    {
        var reference = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app").WithDigest($"sha256:{Hex}");

        Assert.That(reference.Digest, Is.EqualTo(Digest));
    }

    [Test]
    public void WithTag_refuses_a_tag_docker_would_refuse_and_says_why()
    {
        var reference = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app");

        var exception = Assert.Throws<ArgumentException>(() => reference.WithTag("release/1"));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.ParamName, Is.EqualTo("tag"));
            Assert.That(exception.Message, Does.Contain("Cannot tag asia-docker.pkg.dev/my-project/repo/app: 'release/1' is not a valid tag: '/' is not allowed"));
        });
    }

    [Test]
    public void WithImagePath_names_another_image_in_the_same_repository()
    {
        var reference = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app:v1");

        Assert.Multiple(() =>
        {
            Assert.That(reference.WithImagePath("team/worker").ToString(), Is.EqualTo("asia-docker.pkg.dev/my-project/repo/team/worker"));
            Assert.That(ImageReference.Parse("eu.gcr.io/my-project/app").WithImagePath("worker").ToString(), Is.EqualTo("eu.gcr.io/my-project/worker"));
            Assert.Throws<InvalidImageReferenceException>(() => reference.WithImagePath("Worker"));
        });
    }

    [Test]
    public void References_are_equal_when_their_canonical_text_is_equal()
    {
        var lower = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app:v1");
        var upperHost = ImageReference.Parse("ASIA-DOCKER.PKG.DEV/my-project/repo/app:v1");
        var otherTag = ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/app:v2");

        Assert.Multiple(() =>
        {
            Assert.That(upperHost, Is.EqualTo(lower));
            Assert.That(upperHost == lower, Is.True);
            Assert.That(upperHost.GetHashCode(), Is.EqualTo(lower.GetHashCode()));
            Assert.That(otherTag, Is.Not.EqualTo(lower));
            Assert.That(otherTag != lower, Is.True);
        });
    }

    [Test]
    public void Parse_refuses_null_and_TryParse_reports_it_as_empty()
    {
        Assert.Throws<ArgumentNullException>(() => ImageReference.Parse(null!));

        var parsed = ImageReference.TryParse(null, out var reference, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.False);
            Assert.That(reference, Is.Null);
            Assert.That(error!.Problems.Single().Kind, Is.EqualTo(ImageReferenceProblemKind.Empty));
            Assert.That(error.HowItWasRead, Is.Null);
        });
    }

    [Test]
    public void The_short_TryParse_answers_with_just_the_reference()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ImageReference.TryParse("asia-docker.pkg.dev/my-project/repo/app", out var valid), Is.True);
            Assert.That(valid!.ImagePath, Is.EqualTo("app"));
            Assert.That(ImageReference.TryParse("asia-docker.pkg.dev/my-project/app", out var invalid), Is.False);
            Assert.That(invalid, Is.Null);
        });
    }

    [Test]
    public void An_error_tells_whether_it_holds_a_kind_of_problem_and_becomes_an_exception_with_the_same_message()
    {
        ImageReference.TryParse("asia-docker.pkg.dev/sample_project/sample-api", out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(error!.Has(ImageReferenceProblemKind.MissingRepository), Is.True);
            Assert.That(error.Has(ImageReferenceProblemKind.InvalidTag), Is.False);
            Assert.That(error.ToException().Message, Is.EqualTo(error.Message));
            Assert.That(error.ToException(), Is.InstanceOf<FormatException>());
            Assert.That(error.Message, Does.StartWith(error.Summary + "\n"));
        });
    }

    [Test]
    public void Explain_shows_a_domain_scoped_project_and_a_digest_pinned_image_at_a_glance()
    {
        var reference = ImageReference.Parse($"us-docker.pkg.dev/example.com/my-project/repo/team/app@sha256:{Hex}");

        Assert.That(reference.Explain(), Is.EqualTo(
            $"""
            host        us-docker.pkg.dev -> location us (multi-region: United States)
            project     example.com:my-project (domain-scoped, written example.com/my-project in the path)
            repository  repo
            image       team/app
            tag         (none: the digest names the image)
            digest      sha256:{Hex}
            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void A_domain_scoped_project_keeps_the_colon_in_its_id_and_the_slash_in_its_path()
    {
        var reference = ImageReference.Parse("europe-west1-docker.pkg.dev/example.com/my-project/repo/app:v1");

        Assert.Multiple(() =>
        {
            Assert.That(reference.ProjectId, Is.EqualTo("example.com:my-project"));
            Assert.That(reference.ProjectPath, Is.EqualTo("example.com/my-project"));
            Assert.That(reference.RepositoryName.ToString(), Is.EqualTo("projects/example.com:my-project/locations/europe-west1/repositories/repo"));
            Assert.That(reference.RepositoryName.ToImageReference("app").WithTag("v1"), Is.EqualTo(reference));
        });
    }

    [Test]
    public void I_can_build_a_reference_from_a_repository_name_and_an_image_path()
    {
        var repository = RepositoryName.FromProjectLocationRepository("my-project", "asia-northeast1", "containers");

        var reference = ImageReference.FromRepository(repository, "team/app").WithTag("1.0");

        Assert.That(reference.ToString(), Is.EqualTo("asia-northeast1-docker.pkg.dev/my-project/containers/team/app:1.0"));
    }
}
