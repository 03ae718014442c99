using ArtifactRegistry.References;

namespace ArtifactRegistry.Tests.References;

public class ImageReferenceParsingTests
{
    private const string Hex = "015d97e86f5a02f115710610fd9e96956ba2018567421f86a438bf77e581b75a";
    private const string Digest = "sha256:" + Hex;

    public sealed record Valid(
        string Input, string Host, string Location, string ProjectId, string Repository, string ImagePath,
        string? Tag = null, string? Digest = null, string? Canonical = null)
    {
        public override string ToString() => Input;
    }

    public sealed record Invalid(string Input, ImageReferenceProblemKind[] Kinds, params string[] Phrases)
    {
        public override string ToString() => Input.Length > 90 ? Input[..90] + "…" : Input;
    }

    private static readonly Valid[] ValidReferences =
    [
        new("asia-docker.pkg.dev/sample-project/sample-api/sample", "asia-docker.pkg.dev", "asia", "sample-project", "sample-api", "sample"),
        new("asia-docker.pkg.dev/my-project/my-repo/sample-api:latest", "asia-docker.pkg.dev", "asia", "my-project", "my-repo", "sample-api", Tag: "latest"),
        new("us-central1-docker.pkg.dev/my-project/my-repo/app", "us-central1-docker.pkg.dev", "us-central1", "my-project", "my-repo", "app"),
        new("europe-west1-docker.pkg.dev/my-project/my-repo/team/app:v1.2.3", "europe-west1-docker.pkg.dev", "europe-west1", "my-project", "my-repo", "team/app", Tag: "v1.2.3"),
        new("asia-northeast1-docker.pkg.dev/my-project/containers/a/b/c/d", "asia-northeast1-docker.pkg.dev", "asia-northeast1", "my-project", "containers", "a/b/c/d"),
        // A region added after the location table: accepted (operations warn once).
        new("europe-west15-docker.pkg.dev/my-project/my-repo/app:1", "europe-west15-docker.pkg.dev", "europe-west15", "my-project", "my-repo", "app", Tag: "1"),
        new("us-docker.pkg.dev/example.com/my-project/repo/app:1", "us-docker.pkg.dev", "us", "example.com:my-project", "repo", "app", Tag: "1"),
        new("gcr.io/my-project/app", "gcr.io", "us", "my-project", "gcr.io", "app"),
        new("us.gcr.io/my-project/app:v1", "us.gcr.io", "us", "my-project", "us.gcr.io", "app", Tag: "v1"),
        new("eu.gcr.io/my-project/team/app", "eu.gcr.io", "europe", "my-project", "eu.gcr.io", "team/app"),
        new($"asia.gcr.io/my-project/app@{Digest}", "asia.gcr.io", "asia", "my-project", "asia.gcr.io", "app", Digest: Digest),
        new("gcr.io/example.com/my-project/app", "gcr.io", "us", "example.com:my-project", "gcr.io", "app"),
        new($"asia-docker.pkg.dev/my-project/repo/app:v1@{Digest}", "asia-docker.pkg.dev", "asia", "my-project", "repo", "app", Tag: "v1", Digest: Digest),
        new($"asia-docker.pkg.dev/my-project/repo/team/app@{Digest}", "asia-docker.pkg.dev", "asia", "my-project", "repo", "team/app", Digest: Digest),
        new("ASIA-Docker.PKG.dev/my-project/repo/app", "asia-docker.pkg.dev", "asia", "my-project", "repo", "app",
            Canonical: "asia-docker.pkg.dev/my-project/repo/app"),
        new("africa-south1-docker.pkg.dev/p-123456/r1/x", "africa-south1-docker.pkg.dev", "africa-south1", "p-123456", "r1", "x"),
        new("me-central2-docker.pkg.dev/my-project/repo/my_app.v2__x--y", "me-central2-docker.pkg.dev", "me-central2", "my-project", "repo", "my_app.v2__x--y"),
        new("us-docker.pkg.dev/my-project/gcr.io/app", "us-docker.pkg.dev", "us", "my-project", "gcr.io", "app"),
        new("europe-docker.pkg.dev/my-project/repo/app:_build-7.x", "europe-docker.pkg.dev", "europe", "my-project", "repo", "app", Tag: "_build-7.x"),
        new("northamerica-northeast1-docker.pkg.dev/abcdef/a/b", "northamerica-northeast1-docker.pkg.dev", "northamerica-northeast1", "abcdef", "a", "b"),
        new($"us-west1-docker.pkg.dev/my-project/repo/app:{new string('t', 128)}", "us-west1-docker.pkg.dev", "us-west1", "my-project", "repo", "app", Tag: new string('t', 128)),
        new($"us-east4-docker.pkg.dev/{"a" + new string('b', 29)}/{"r" + new string('9', 62)}/app", "us-east4-docker.pkg.dev", "us-east4",
            "a" + new string('b', 29), "r" + new string('9', 62), "app"),
        new("europe-west12-docker.pkg.dev/my-project/repo/v2/api-gateway", "europe-west12-docker.pkg.dev", "europe-west12", "my-project", "repo", "v2/api-gateway"),
    ];

    private static readonly Invalid[] InvalidReferences =
    [
        new("", [ImageReferenceProblemKind.Empty], "it is empty", "unset variable"),
        new("   ", [ImageReferenceProblemKind.Empty], "it is empty"),
        new(" asia-docker.pkg.dev/my-project/repo/app\n", [ImageReferenceProblemKind.SurroundingWhitespace],
            "' asia-docker.pkg.dev/my-project/repo/app\\n' is not a valid", "leading or trailing whitespace", "trim it"),
        new("asia-docker.pkg.dev/my-project/repo/app latest", [ImageReferenceProblemKind.ContainsWhitespace], "contains whitespace"),
        new("https://asia-docker.pkg.dev/my-project/repo/app", [ImageReferenceProblemKind.UrlScheme], "starts with 'https://'", "has no scheme"),
        new("sample-api:latest", [ImageReferenceProblemKind.NoRegistryHost],
            "no registry host", "docker.io/library/sample-api on Docker Hub", "Example: asia-docker.pkg.dev/my-project/my-repo/sample-api:latest"),
        new("sample_project/sample-api", [ImageReferenceProblemKind.NoRegistryHost], "docker.io/sample_project/sample-api"),
        new("docker.io/library/nginx", [ImageReferenceProblemKind.NotArtifactRegistryHost],
            "'docker.io' is not an Artifact Registry host (it is Docker Hub)", "LOCATION-docker.pkg.dev"),
        new("ghcr.io/owner/app:1", [ImageReferenceProblemKind.NotArtifactRegistryHost], "(it is GitHub Container Registry)"),
        new("k8s.gcr.io/pause", [ImageReferenceProblemKind.NotArtifactRegistryHost],
            "Artifact Registry serves only gcr.io, us.gcr.io, eu.gcr.io and asia.gcr.io"),
        new("localhost:5000/app", [ImageReferenceProblemKind.NotArtifactRegistryHost], "registry on this machine"),
        new("asia-docker.pkg.dev:443/my-project/repo/app", [ImageReferenceProblemKind.NotArtifactRegistryHost], "drop the port"),
        new("asia-python.pkg.dev/my-project/r/i", [ImageReferenceProblemKind.NotDockerHost],
            "'asia-python.pkg.dev' is Artifact Registry's Python package host, not its Docker host", "served by asia-docker.pkg.dev"),
        new("us-central1-npm.pkg.dev/my-project/r/i", [ImageReferenceProblemKind.NotDockerHost], "npm package host", "us-central1-docker.pkg.dev"),
        new("docker.pkg.dev/my-project/repo/app", [ImageReferenceProblemKind.MissingLocation], "names no location", "LOCATION-docker.pkg.dev"),
        new("asia-northeast-1-docker.pkg.dev/my-project/repo/app", [ImageReferenceProblemKind.UnknownLocation],
            "'asia-northeast-1' is not an Artifact Registry location", "Did you mean 'asia-northeast1' (Tokyo), host asia-northeast1-docker.pkg.dev?",
            "gcloud artifacts locations list"),
        new("us-central1-a-docker.pkg.dev/my-project/repo/app", [ImageReferenceProblemKind.UnknownLocation],
            "is a Compute Engine zone", "use 'us-central1' (Iowa)"),
        new("tokyo-docker.pkg.dev/my-project/repo/app", [ImageReferenceProblemKind.UnknownLocation], "Did you mean 'asia-northeast1' (Tokyo)"),
        new("europe-wset1-docker.pkg.dev/my-project/repo/app", [ImageReferenceProblemKind.UnknownLocation], "Did you mean 'europe-west1' (Belgium)"),
        new("mars9-docker.pkg.dev/my-project/repo/app", [ImageReferenceProblemKind.UnknownLocation],
            "Multi-regions are asia, europe and us"),
        new("asia-northest1-docker.pkg.dev/my-project/repo/app", [ImageReferenceProblemKind.UnknownLocation],
            "'asia-northest1' is not an Artifact Registry location", "Did you mean 'asia-northeast1' (Tokyo), host asia-northeast1-docker.pkg.dev?"),
        new("asia-docker.pkg.dev/my-project//app", [ImageReferenceProblemKind.EmptyPathSegment, ImageReferenceProblemKind.MissingRepository],
            "empty path segment", "unset variable"),
        new("asia-docker.pkg.dev", [ImageReferenceProblemKind.MissingProject],
            "the PROJECT-ID, REPOSITORY and IMAGE segments are missing", "Example: asia-docker.pkg.dev/my-project/my-repo/my-image"),
        new("asia-docker.pkg.dev/my-project", [ImageReferenceProblemKind.MissingRepository],
            "the REPOSITORY and IMAGE segments are missing", "stops after PROJECT-ID", "asia-docker.pkg.dev/my-project/my-repo/my-image"),
        new("asia-docker.pkg.dev/my-project/app:v1", [ImageReferenceProblemKind.MissingRepository],
            "the REPOSITORY segment is missing", "Corrected example: asia-docker.pkg.dev/my-project/my-repo/app:v1"),
        new("gcr.io/my-project", [ImageReferenceProblemKind.MissingImage],
            "the IMAGE segment is missing", "gcr.io/PROJECT-ID/IMAGE", "repository gcr.io in location us"),
        new("asia-docker.pkg.dev/My-Project/repo/app", [ImageReferenceProblemKind.InvalidProjectId],
            "'My-Project' is not a valid project ID (uppercase letters are not allowed)", "Did you mean 'my-project'?"),
        new("asia-docker.pkg.dev/proj/repo/app", [ImageReferenceProblemKind.InvalidProjectId], "it has 4 characters, not 6 to 30"),
        new("asia-docker.pkg.dev/p/repo/app", [ImageReferenceProblemKind.InvalidProjectId], "it has 1 character, not 6 to 30"),
        new("asia-docker.pkg.dev/1project/repo/app", [ImageReferenceProblemKind.InvalidProjectId], "it starts with '1', not a letter"),
        new("asia-docker.pkg.dev/my-project-/repo/app", [ImageReferenceProblemKind.InvalidProjectId], "it ends with a hyphen", "Did you mean 'my-project'?"),
        new("asia-docker.pkg.dev/123456789012/repo/app", [ImageReferenceProblemKind.InvalidProjectId],
            "looks like a project number", "gcloud projects describe 123456789012"),
        new("us-docker.pkg.dev/example.com/my_project/repo/app", [ImageReferenceProblemKind.InvalidProjectId],
            "'example.com:my_project' is not a valid project ID (underscores ('_') are not allowed)", "Did you mean 'example.com:my-project'?"),
        new("us-docker.pkg.dev/example.com", [ImageReferenceProblemKind.MissingProject],
            "the project after domain 'example.com' is missing", "example.com/my-project for project ID example.com:my-project"),
        new("asia-docker.pkg.dev/my-project/My_Repo/app", [ImageReferenceProblemKind.InvalidRepositoryId],
            "'My_Repo' is not a valid repository ID (underscores ('_') are not allowed; uppercase letters are not allowed)", "Did you mean 'my-repo'?",
            "gcloud artifacts repositories list --project=my-project --location=asia"),
        new("asia-docker.pkg.dev/my-project/1repo/app", [ImageReferenceProblemKind.InvalidRepositoryId], "it starts with '1', not a letter"),
        new($"asia-docker.pkg.dev/my-project/{new string('r', 64)}/app", [ImageReferenceProblemKind.InvalidRepositoryId], "it has 64 characters, more than 63"),
        new("asia-docker.pkg.dev/my-project/gcr.io/app", [ImageReferenceProblemKind.InvalidRepositoryId],
            "the gcr.io repository always lives in location 'us', not 'asia'"),
        new("asia-docker.pkg.dev/my-project/repo/Sample-API", [ImageReferenceProblemKind.InvalidImagePath],
            "'Sample-API' is not a valid image path", "image names are lowercase: 'sample-api'"),
        new("asia-docker.pkg.dev/my-project/repo/app..x", [ImageReferenceProblemKind.InvalidImagePath], "separators ('.', '_', '__', '-') must stand between letters or digits"),
        new("asia-docker.pkg.dev/my-project/repo/team/app$", [ImageReferenceProblemKind.InvalidImagePath], "component 'app$': '$' is not allowed"),
        new("asia-docker.pkg.dev/my-project/repo/app:", [ImageReferenceProblemKind.InvalidTag], "the tag after ':' is empty"),
        new("asia-docker.pkg.dev/my-project/repo/app:-v1", [ImageReferenceProblemKind.InvalidTag], "'-v1' is not a valid tag: it starts with '-'"),
        new("asia-docker.pkg.dev/my-project/repo/app:v1+build", [ImageReferenceProblemKind.InvalidTag], "'+' is not allowed", "A Docker tag has 1 to 128 characters"),
        new($"asia-docker.pkg.dev/my-project/repo/app:{new string('t', 129)}", [ImageReferenceProblemKind.InvalidTag], "it has 129 characters, more than 128"),
        new("asia-docker.pkg.dev/my-project/repo/app@sha256:abc", [ImageReferenceProblemKind.InvalidDigest], "has 3 hex digits; a sha256 digest has exactly 64"),
        new($"asia-docker.pkg.dev/my-project/repo/app@sha512:{Hex}{Hex}", [ImageReferenceProblemKind.InvalidDigest], "uses algorithm 'sha512'", "always sha256"),
        new($"asia-docker.pkg.dev/my-project/repo/app@SHA256:{Hex}", [ImageReferenceProblemKind.InvalidDigest], "must name its algorithm in lowercase"),
        new($"asia-docker.pkg.dev/my-project/repo/app@sha256:{Hex.ToUpperInvariant()}", [ImageReferenceProblemKind.InvalidDigest],
            "has uppercase hex digits", $"sha256:{Hex}"),
        new($"asia-docker.pkg.dev/my-project/repo/app@{Hex}", [ImageReferenceProblemKind.InvalidDigest], "lacks its algorithm", $"write sha256:{Hex}"),
        new($"asia-docker.pkg.dev/my-project/repo/{string.Join('/', Enumerable.Repeat("component", 25))}", [ImageReferenceProblemKind.NameTooLong],
            "more than 255", "docker refuses names longer than 255"),
        new("asia-northeast-1-docker.pkg.dev/Sample_Project/My_Repo/Sample-API:-bad@sha256:xyz",
            [
                ImageReferenceProblemKind.UnknownLocation, ImageReferenceProblemKind.InvalidProjectId, ImageReferenceProblemKind.InvalidRepositoryId,
                ImageReferenceProblemKind.InvalidImagePath, ImageReferenceProblemKind.InvalidTag, ImageReferenceProblemKind.InvalidDigest,
            ],
            "'asia-northeast-1' is not an Artifact Registry location", "'Sample_Project' is not a valid project ID",
            "'My_Repo' is not a valid repository ID", "'Sample-API' is not a valid image path", "'-bad' is not a valid tag", "'x', 'y', 'z'"),
    ];

    [TestCaseSource(nameof(ValidReferences))]
    public void I_can_parse_a_valid_reference_into_its_parts(Valid expected)
    {
        var reference = ImageReference.Parse(expected.Input);

        Assert.Multiple(() =>
        {
            Assert.That(reference.Host, Is.EqualTo(expected.Host));
            Assert.That(reference.Location, Is.EqualTo(expected.Location));
            Assert.That(reference.ProjectId, Is.EqualTo(expected.ProjectId));
            Assert.That(reference.Repository, Is.EqualTo(expected.Repository));
            Assert.That(reference.ImagePath, Is.EqualTo(expected.ImagePath));
            Assert.That(reference.Tag, Is.EqualTo(expected.Tag));
            Assert.That(reference.Digest?.ToString(), Is.EqualTo(expected.Digest));
            Assert.That(reference.ToString(), Is.EqualTo(expected.Canonical ?? expected.Input));
        });
    }

    [TestCaseSource(nameof(ValidReferences))]
    public void A_valid_reference_survives_formatting_and_parsing_again(Valid expected)
    {
        var reference = ImageReference.Parse(expected.Input);

        Assert.That(ImageReference.Parse(reference.ToString()), Is.EqualTo(reference));
    }

    [TestCaseSource(nameof(InvalidReferences))]
    public void An_invalid_reference_is_refused_with_every_problem_named(Invalid expected)
    {
        var parsed = ImageReference.TryParse(expected.Input, out var reference, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.False);
            Assert.That(reference, Is.Null);
            Assert.That(error!.Problems.Select(p => p.Kind), Is.EqualTo(expected.Kinds));
            foreach (var phrase in expected.Phrases) Assert.That(error.Message, Does.Contain(phrase));
        });
    }

    [TestCaseSource(nameof(InvalidReferences))]
    public void Parse_throws_the_same_problems_that_TryParse_reports(Invalid expected)
    {
        var exception = Assert.Throws<InvalidImageReferenceException>(() => ImageReference.Parse(expected.Input));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Input, Is.EqualTo(expected.Input));
            Assert.That(exception.Problems.Select(p => p.Kind), Is.EqualTo(expected.Kinds));
            Assert.That(exception.Message.Split('\n')[0], Does.StartWith($"'{expected.Input.Replace("\n", "\\n")}'"));
            Assert.That(exception.Message.Split('\n')[0], Does.Contain("is not a valid Artifact Registry image reference: "));
        });
    }
}
