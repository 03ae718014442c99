using ArtifactRegistry.References;

namespace ArtifactRegistry.Tests.References;

public class ResourceNameTests
{
    private const string Hex = "015d97e86f5a02f115710610fd9e96956ba2018567421f86a438bf77e581b75a";
    private const string Repository = "projects/my-project/locations/asia/repositories/my-repo";

    [Test]
    public void I_can_make_and_parse_a_repository_name()
    {
        var made = RepositoryName.FromProjectLocationRepository("my-project", "asia", "my-repo");
        var parsed = RepositoryName.Parse(Repository);

        Assert.Multiple(() =>
        {
            Assert.That(made.ToString(), Is.EqualTo(Repository));
            Assert.That(parsed, Is.EqualTo(made));
            Assert.That(parsed.ProjectId, Is.EqualTo("my-project"));
            Assert.That(parsed.LocationId, Is.EqualTo("asia"));
            Assert.That(parsed.RepositoryId, Is.EqualTo("my-repo"));
            Assert.That(parsed.DockerHost, Is.EqualTo("asia-docker.pkg.dev"));
            Assert.That(parsed.DockerPath, Is.EqualTo("asia-docker.pkg.dev/my-project/my-repo"));
            Assert.That(parsed.ToUrlPath(), Is.EqualTo(Repository));
        });
    }

    [Test]
    public void A_full_resource_name_quoted_in_a_permission_error_parses_as_the_plain_name()
    {
        var parsed = RepositoryName.Parse("//artifactregistry.googleapis.com/" + Repository);

        Assert.That(parsed.ToString(), Is.EqualTo(Repository));
    }

    [Test]
    public void A_nested_image_becomes_a_package_whose_id_escapes_the_slash_in_the_name_and_twice_in_the_url_path()
    {
        var package = RepositoryName.Parse(Repository).Package("team/app");

        Assert.Multiple(() =>
        {
            Assert.That(package.PackageId, Is.EqualTo("team%2Fapp"));
            Assert.That(package.ImagePath, Is.EqualTo("team/app"));
            Assert.That(package.ToString(), Is.EqualTo(Repository + "/packages/team%2Fapp"));
            Assert.That(package.ToUrlPath(), Is.EqualTo(Repository + "/packages/team%252Fapp"));
            Assert.That(PackageName.Parse(package.ToString()), Is.EqualTo(package));
            Assert.That(package.RepositoryName.ToString(), Is.EqualTo(Repository));
        });
    }

    [Test]
    public void A_package_id_with_lowercase_escapes_names_the_same_package()
    {
        var lower = PackageName.Parse(Repository + "/packages/team%2fapp");

        Assert.Multiple(() =>
        {
            Assert.That(lower.PackageId, Is.EqualTo("team%2Fapp"));
            Assert.That(lower, Is.EqualTo(PackageName.Parse(Repository + "/packages/team%2Fapp")));
        });
    }

    [Test]
    public void A_version_id_is_the_digest_with_its_colon_unescaped()
    {
        var version = VersionName.Parse($"{Repository}/packages/team%2Fapp/versions/sha256:{Hex}");

        Assert.Multiple(() =>
        {
            Assert.That(version.VersionId, Is.EqualTo($"sha256:{Hex}"));
            Assert.That(version.Digest, Is.EqualTo(ImageDigest.FromSha256Hex(Hex)));
            Assert.That(version.ImagePath, Is.EqualTo("team/app"));
            Assert.That(version.ToUrlPath(), Is.EqualTo($"{Repository}/packages/team%252Fapp/versions/sha256:{Hex}"));
            Assert.That(version.PackageName.ToString(), Is.EqualTo(Repository + "/packages/team%2Fapp"));
            Assert.That(version.DockerImageName.ToString(), Is.EqualTo($"{Repository}/dockerImages/team%2Fapp@sha256:{Hex}"));
            Assert.That(version.ToImageReference().ToString(), Is.EqualTo($"asia-docker.pkg.dev/my-project/my-repo/team/app@sha256:{Hex}"));
        });
    }

    [Test]
    public void A_tag_name_accepts_artifact_registry_tag_ids_and_maps_docker_tags_back_to_references()
    {
        var tag = TagName.Parse(Repository + "/packages/app/tags/v1.2.3");

        Assert.Multiple(() =>
        {
            Assert.That(tag.TagId, Is.EqualTo("v1.2.3"));
            Assert.That(tag.IsDockerTag, Is.True);
            Assert.That(tag.ToImageReference().ToString(), Is.EqualTo("asia-docker.pkg.dev/my-project/my-repo/app:v1.2.3"));
            Assert.That(tag.PackageName.Tag("v1.2.3"), Is.EqualTo(tag));
        });
    }

    [Test]
    public void A_tag_id_docker_cannot_write_is_valid_in_artifact_registry_but_has_no_docker_reference()
    {
        var tag = TagName.FromProjectLocationRepositoryPackageTag("my-project", "asia", "my-repo", "app", "build~7:x@y");

        var exception = Assert.Throws<InvalidOperationException>(() => tag.ToImageReference());

        Assert.Multiple(() =>
        {
            Assert.That(tag.IsDockerTag, Is.False);
            Assert.That(tag.ToString(), Is.EqualTo(Repository + "/packages/app/tags/build~7:x@y"));
            Assert.That(exception!.Message, Does.Contain("exists in Artifact Registry but docker cannot name it"));
        });
    }

    [Test]
    public void A_docker_image_name_leads_to_the_version_that_deletes_it()
    {
        var image = DockerImageName.Parse($"{Repository}/dockerImages/team%2Fapp@sha256:{Hex}");

        Assert.Multiple(() =>
        {
            Assert.That(image.ImagePath, Is.EqualTo("team/app"));
            Assert.That(image.Digest.Hex, Is.EqualTo(Hex));
            Assert.That(image.VersionName.ToString(), Is.EqualTo($"{Repository}/packages/team%2Fapp/versions/sha256:{Hex}"));
            Assert.That(image.ToUrlPath(), Is.EqualTo($"{Repository}/dockerImages/team%252Fapp@sha256:{Hex}"));
            Assert.That(image.ToImageReference().ToString(), Is.EqualTo($"asia-docker.pkg.dev/my-project/my-repo/team/app@sha256:{Hex}"));
        });
    }

    private static readonly string[] References =
    [
        $"asia-docker.pkg.dev/my-project/my-repo/app:v1@sha256:{Hex}",
        $"us-central1-docker.pkg.dev/my-project/containers/team/app:latest@sha256:{Hex}",
        $"europe-west1-docker.pkg.dev/example.com/my-project/repo/a/b/c:1.0@sha256:{Hex}",
        $"gcr.io/my-project/app:v1@sha256:{Hex}",
        $"eu.gcr.io/example.com/my-project/team/app:v1@sha256:{Hex}",
    ];

    [TestCaseSource(nameof(References))]
    public void A_reference_round_trips_through_its_repository_package_version_and_tag_names(string text)
    {
        var reference = ImageReference.Parse(text);

        Assert.Multiple(() =>
        {
            Assert.That(RepositoryName.Parse(reference.RepositoryName.ToString()).ToImageReference(reference.ImagePath),
                Is.EqualTo(reference.WithoutTag().WithoutDigest()));
            Assert.That(PackageName.Parse(reference.PackageName.ToString()).ToImageReference(), Is.EqualTo(reference.WithoutTag().WithoutDigest()));
            Assert.That(VersionName.Parse(reference.VersionName.ToString()).ToImageReference(), Is.EqualTo(reference.WithoutTag()));
            Assert.That(TagName.Parse(reference.TagName.ToString()).ToImageReference(), Is.EqualTo(reference.WithoutDigest()));
            Assert.That(reference.VersionName.DockerImageName.VersionName, Is.EqualTo(reference.VersionName));
        });
    }

    [Test]
    public void A_repository_on_a_pkg_dev_host_named_gcr_io_maps_to_the_gcr_io_repository()
    {
        var viaPkgDev = ImageReference.Parse("us-docker.pkg.dev/my-project/gcr.io/app");
        var viaGcr = ImageReference.Parse("gcr.io/my-project/app");

        Assert.Multiple(() =>
        {
            Assert.That(viaPkgDev.RepositoryName, Is.EqualTo(viaGcr.RepositoryName));
            Assert.That(viaPkgDev.PackageName.ToImageReference(), Is.EqualTo(viaGcr));
        });
    }

    private static readonly object[] MalformedNames =
    [
        new object[] { "projects/my-project/locations/asia/repository/my-repo", "repository", "expected 'repositories' where it has 'repository'" },
        new object[] { "projects/my-project/locations/asia", "repository", "it ends before 'repositories/'" },
        new object[] { "projects/my-project/locations/asia/repositories/", "repository", "the repository ID is missing after 'repositories/'" },
        new object[] { "my-project/asia/my-repo", "repository", "expected 'projects' where it has 'my-project'" },
        new object[] { Repository + "/packages/app", "repository", "it is a package name, not a repository name: parse it with PackageName.Parse" },
        new object[] { Repository, "package", "it is a repository name; a package name goes on with /packages/PACKAGE-ID" },
        new object[] { Repository + "/packages/team/app", "package", "package ID 'team/app' must escape '/' as %2F: packages/team%2Fapp" },
        new object[] { Repository + "/packages/team%252Fapp", "package", "is escaped twice" },
        new object[] { Repository + "/packages/App", "package", "uppercase letters are not allowed" },
        new object[] { Repository + "/packages/app", "version", "it is a package name; a version name goes on with /versions/sha256:HEX" },
        new object[] { Repository + "/packages/app/versions/latest", "version", "a Docker version ID is the image digest, but 'latest' is not a digest" },
        new object[] { Repository + "/packages/app/tags/v1", "version", "it is a tag name, not a version name: parse it with TagName.Parse" },
        new object[] { Repository + "/packages/app/tags/v 1", "tag", "'v 1' is not a valid tag ID: ' ' is not allowed" },
        new object[] { Repository + "/packages/app/tags/v1/extra", "tag", "unexpected 'extra' at the end" },
        new object[] { Repository + "/dockerImages/app", "Docker image", "Docker image ID 'app' has no digest" },
        new object[] { Repository + $"/dockerImages/team/app@sha256:{Hex}", "Docker image", "must escape '/' as %2F: dockerImages/team%2Fapp@sha256:" },
        new object[] { "projects/sample_project/locations/asia-northeast-1/repositories/My_Repo", "repository",
            "project ID 'sample_project' is not valid (underscores ('_') are not allowed)" },
        new object[] { "projects/my-project/locations/asia-northeast-1/repositories/my-repo", "repository",
            "Did you mean 'asia-northeast1' (Tokyo)?" },
        new object[] { "https://artifactregistry.googleapis.com/v1/" + Repository, "repository",
            "it is a URL, not a resource name; the resource name is the part after /v1/: " + Repository },
        new object[] { "asia-docker.pkg.dev/my-project/my-repo/app:v1", "repository",
            "it is a Docker image reference, not a resource name; its resource name is " + Repository + "/packages/app/tags/v1" },
        new object[] { "", "package", "it is empty" },
    ];

    [TestCaseSource(nameof(MalformedNames))]
    public void A_malformed_resource_name_is_refused_with_what_is_wrong_and_the_expected_form(string text, string kind, string phrase)
    {
        InvalidResourceNameException? error = kind switch
        {
            "repository" => RepositoryName.TryParse(text, out _, out var e) ? null : e,
            "package" => PackageName.TryParse(text, out _, out var e) ? null : e,
            "version" => VersionName.TryParse(text, out _, out var e) ? null : e,
            "tag" => TagName.TryParse(text, out _, out var e) ? null : e,
            _ => DockerImageName.TryParse(text, out _, out var e) ? null : e,
        };

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.Not.Null);
            Assert.That(error!.Message.Split('\n')[0], Does.StartWith($"'{text}' is not a valid Artifact Registry {kind} name: "));
            Assert.That(error.Message, Does.Contain(phrase));
            Assert.That(error.Message, Does.Contain("\n  Expected: projects/PROJECT-ID/locations/LOCATION/repositories/REPOSITORY"));
            Assert.That(error.Input, Is.EqualTo(text));
        });
    }

    [Test]
    public void Parse_throws_what_TryParse_reports()
    {
        var exception = Assert.Throws<InvalidResourceNameException>(() => PackageName.Parse(Repository + "/packages/team/app"));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Problems, Has.Count.EqualTo(1));
            Assert.That(exception.ExpectedForm, Does.Contain("/packages/PACKAGE-ID (a nested image path escapes '/' as %2F: team%2Fapp)"));
        });
    }

    [Test]
    public void Making_a_name_from_invalid_ids_names_every_problem()
    {
        var exception = Assert.Throws<InvalidResourceNameException>(() =>
            PackageName.FromProjectLocationRepositoryPackage("Sample_Project", "tokyo", "my-repo", "team/app"));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Does.StartWith(
                "'projects/Sample_Project/locations/tokyo/repositories/my-repo/packages/team/app' is not a valid Artifact Registry package name: "));
            Assert.That(exception.Message, Does.Contain("project ID 'Sample_Project' is not valid"));
            Assert.That(exception.Message, Does.Contain("'tokyo' is not an Artifact Registry location. Did you mean 'asia-northeast1' (Tokyo)?"));
            Assert.That(exception.Message, Does.Contain("package ID 'team/app' must escape '/' as %2F: team%2Fapp"));
        });
    }

    [Test]
    public void A_version_is_made_from_a_package_and_a_digest()
    {
        var version = VersionName.FromProjectLocationRepositoryPackageVersion("my-project", "asia", "my-repo", "app", $"sha256:{Hex}");

        Assert.Multiple(() =>
        {
            Assert.That(version, Is.EqualTo(PackageName.FromProjectLocationRepositoryPackage("my-project", "asia", "my-repo", "app")
                .Version(ImageDigest.FromSha256Hex(Hex))));
            Assert.Throws<InvalidResourceNameException>(() =>
                VersionName.FromProjectLocationRepositoryPackageVersion("my-project", "asia", "my-repo", "app", "v1"));
        });
    }

    [Test]
    public void Names_are_equal_by_value()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RepositoryName.Parse(Repository) == RepositoryName.FromProjectLocationRepository("my-project", "asia", "my-repo"), Is.True);
            Assert.That(RepositoryName.Parse(Repository) != RepositoryName.FromProjectLocationRepository("my-project", "us", "my-repo"), Is.True);
            Assert.That(TagName.Parse(Repository + "/packages/app/tags/a").GetHashCode(),
                Is.EqualTo(TagName.Parse(Repository + "/packages/app/tags/a").GetHashCode()));
        });
    }

    [Test]
    public void Names_of_the_same_resource_are_equal_however_they_were_made_and_names_of_different_ones_are_not()
    {
        const string Package = "projects/my-project/locations/asia/repositories/repo/packages/team%2Fapp";
        var tag = TagName.Parse(Package + "/tags/v1");
        var version = VersionName.Parse(Package + "/versions/sha256:" + new string('a', 64));
        var image = DockerImageName.Parse("projects/my-project/locations/asia/repositories/repo/dockerImages/team%2Fapp@sha256:" + new string('a', 64));

        Assert.Multiple(() =>
        {
            Assert.That(tag.PackageName, Is.EqualTo(PackageName.Parse(Package)));
            Assert.That(tag.PackageName == version.PackageName, Is.True);
            Assert.That(tag.PackageName.GetHashCode(), Is.EqualTo(version.PackageName.GetHashCode()));
            Assert.That(tag.RepositoryName, Is.EqualTo(RepositoryName.FromProjectLocationRepository("my-project", "asia", "repo")));
            Assert.That(image.RepositoryName, Is.EqualTo(tag.RepositoryName));
            Assert.That(TagName.Parse(Package + "/tags/v2"), Is.Not.EqualTo(tag));
            Assert.That(tag != TagName.Parse(Package + "/tags/v2"), Is.True);
            Assert.That(RepositoryName.FromProjectLocationRepository("my-project", "europe", "repo"), Is.Not.EqualTo(tag.RepositoryName));
            Assert.That(new HashSet<TagName> { tag, TagName.Parse(Package + "/tags/v1") }, Has.Count.EqualTo(1));
        });
    }
}
