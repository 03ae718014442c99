using System.Text.Json.Nodes;
using ArtifactRegistry.Reporting;
using ArtifactRegistry.Testing.CiFiles;

namespace ArtifactRegistry.Tests.Reporting;

/// <summary>The writers of CI's files read back as CI reads them: the schema refuses what breaks it, GITHUB_OUTPUT as the runner parses it.</summary>
public class ResultWritersTests
{
    private static readonly string DigestA = "sha256:" + new string('a', 64);
    private static readonly string DigestB = "sha256:" + new string('b', 64);

    [Test]
    public void The_schema_accepts_a_written_result_and_refuses_a_changed_version_or_a_short_digest()
    {
        var json = RunResultJson.Serialize(TwoImages());
        var node = JsonNode.Parse(json)!;
        node["schemaVersion"] = 2;
        node["images"]![0]!["digest"] = "sha256:abc";

        Assert.That(ResultSchema.Violations(json), Is.Empty, json);
        Assert.That(ResultSchema.Violations(node.ToJsonString()), Has.Some.Contains("/schemaVersion").And.Some.Contains("/images/0/digest"));
    }

    [Test]
    public void Several_images_give_one_images_output_and_the_first_image_s_flat_outputs_with_multi_line_tags_in_GitHub_s_delimiter_syntax()
    {
        var text = GitHubOutputs.Render(TwoImages());

        var outputs = GitHubOutputFile.Parse(text);
        var images = JsonNode.Parse(outputs["images"])!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(outputs["image"], Is.EqualTo("asia-docker.pkg.dev/p/r/api"));
            Assert.That(outputs["digest"], Is.EqualTo(DigestA));
            Assert.That(outputs["tags"], Is.EqualTo("1.2.0\nabc1234"));
            Assert.That(outputs["image-with-digest"], Is.EqualTo("asia-docker.pkg.dev/p/r/api@" + DigestA));
            Assert.That(images.Select(image => image!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "asia-docker.pkg.dev/p/r/api", "asia-docker.pkg.dev/p/r/worker" }));
            Assert.That(images[1]!["digest"]!.GetValue<string>(), Is.EqualTo(DigestB));
            Assert.That(text, Does.Match(@"(?m)^tags<<ghadelimiter_[0-9a-f]{32}$"), "multi-line only with a delimiter");
            Assert.That(text, Does.Contain("digest=" + DigestA + "\n"), "a one-line value as name=value");
        });
    }

    [Test]
    public void The_parser_fails_where_the_runner_fails_so_a_passing_parse_means_something()
    {
        Assert.Throws<FormatException>(() => GitHubOutputFile.Parse("tags<<EOF\n1.2.0\n"));
        Assert.Throws<FormatException>(() => GitHubOutputFile.Parse("just text\n"));
        Assert.That(GitHubOutputFile.Parse("a=1\na=2\n")["a"], Is.EqualTo("2"), "a later value replaces an earlier one");
    }

    [Test]
    public void The_summary_escapes_a_pipe_in_a_cell_and_names_a_failure_with_its_message()
    {
        var failed = TwoImages() with
        {
            Workloads = [new WorkloadResult { Workload = "deployment/api", Namespace = "prod", Container = "api", Outcome = "failed", Image = "asia-docker.pkg.dev/p/r/api:1.2.0@" + DigestA, NewDigest = DigestA }],
            Failure = new RunFailure("RolloutFailedException", "deployment/api: ImagePullBackOff | denied", "Deploy"),
        };

        var summary = GitHubStepSummary.Render("Deploy", failed);

        var rows = MarkdownTable.Rows(summary);
        Assert.That(summary, Does.StartWith("### Deploy FAILED (RolloutFailedException)"));
        Assert.That(rows, Has.Count.EqualTo(3));
        Assert.That(rows[1][3..], Is.EqualTo(new[] { "deployment/api (prod)", "FAILED" }));
        Assert.That(rows[2][3..], Is.EqualTo(new[] { "-", "pushed" }));
        Assert.That(summary, Does.Contain("```\ndeployment/api: ImagePullBackOff | denied\n```"));
    }

    [Test]
    public void The_dotenv_file_has_the_first_image_one_key_a_line()
    {
        Assert.That(DotenvFile.Render(TwoImages()), Is.EqualTo(
            "IMAGE=asia-docker.pkg.dev/p/r/api\n" +
            $"IMAGE_DIGEST={DigestA}\n" +
            "IMAGE_TAGS=1.2.0,abc1234\n" +
            $"IMAGE_WITH_DIGEST=asia-docker.pkg.dev/p/r/api@{DigestA}\n"));
        Assert.That(DotenvFile.Render(new RunResult()), Is.Empty);
    }

    private static RunResult TwoImages() => new()
    {
        Operations = ["Deploy"],
        Images =
        [
            Image("api", DigestA, "1.2.0", "abc1234"),
            Image("worker", DigestB, "abc1234"),
        ],
    };

    private static ImageResult Image(string name, string digest, params string[] tags) => new()
    {
        Name = $"asia-docker.pkg.dev/p/r/{name}",
        Reference = $"asia-docker.pkg.dev/p/r/{name}:{tags[0]}@{digest}",
        Digest = digest,
        ImageWithDigest = $"asia-docker.pkg.dev/p/r/{name}@{digest}",
        Tags = tags,
        ConsoleUrl = $"https://console.cloud.google.com/artifacts/docker/p/asia/r/{name}/{digest}?project=p",
    };
}
