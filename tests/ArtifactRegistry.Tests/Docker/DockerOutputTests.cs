using ArtifactRegistry.Docker;
using ArtifactRegistry.Git;

namespace ArtifactRegistry.Tests.Docker;

public sealed class DockerOutputTests
{
    private const string Hex = "0f3a7c1d9e2b4a5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

    [Test]
    public void The_digest_line_of_a_push_gives_the_digest_and_layer_lines_are_counted()
    {
        var output = DockerPushOutput.Parse(
            "The push refers to repository [127.0.0.1:5000/p/r/app]\n" +
            "5f70bf18a086: Pushed\n" +
            "1a2b3c4d5e6f: Layer already exists\n" +
            "aabbccddeeff: Mounted from p/r/base\n" +
            $"abc1234-dirty: digest: sha256:{Hex} size: 528\n");

        Assert.Multiple(() =>
        {
            Assert.That(output.Digest!.ToString(), Is.EqualTo("sha256:" + Hex));
            Assert.That(output.LayersPushed, Is.EqualTo(1));
            Assert.That(output.LayersAlreadyPresent, Is.EqualTo(2));
        });
    }

    [Test]
    public void Push_output_without_a_digest_line_gives_no_digest()
    {
        var output = DockerPushOutput.Parse("The push refers to repository [x/p/r/app]\n5f70bf18a086: Preparing\n");

        Assert.That(output.Digest, Is.Null);
    }

    [TestCase("Step 2/4 : COPY a.txt /a.txt", 2, 4, "COPY a.txt /a.txt", null)]
    [TestCase("#5 [2/3] RUN echo hi", 2, 3, "RUN echo hi", null)]
    [TestCase("#7 [build 1/2] FROM docker.io/library/busybox", 1, 2, "FROM docker.io/library/busybox", "build")]
    public void Step_announcements_of_both_builders_are_recognised(string line, int number, int count, string instruction, string? stage) =>
        Assert.That(DockerBuildProgress.TryParseStep(line), Is.EqualTo(new DockerBuildStep(number, count, instruction, stage)));

    [TestCase(" ---> Using cache")]
    [TestCase("#5 DONE 0.3s")]
    [TestCase("Successfully built ff97b1ccd2d7")]
    public void Other_build_lines_are_not_steps(string line) => Assert.That(DockerBuildProgress.TryParseStep(line), Is.Null);

    [Test]
    public void The_legacy_builders_deprecation_notice_is_not_shown_as_the_error()
    {
        var lines = DockerErrorOutput.LastErrorLines([
            "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.",
            "            Install the buildx component to build images with BuildKit:",
            "            https://docs.docker.com/go/buildx/",
            "",
            "COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: file does not exist",
        ]);

        Assert.That(lines, Is.EqualTo(new[] { "COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: file does not exist" }));
    }

    [Test]
    public void A_buildx_failure_is_shown_as_the_failing_steps_own_output_and_the_ERROR_line_without_the_Dockerfile_excerpt()
    {
        var lines = DockerErrorOutput.LastErrorLines([
            "#5 [2/2] RUN ls /nonexistent",
            "#5 0.215 ls: /nonexistent: No such file or directory",
            "#5 ERROR: process \"/bin/sh -c ls /nonexistent\" did not complete successfully: exit code: 1",
            "------",
            " > [2/2] RUN ls /nonexistent:",
            "0.215 ls: /nonexistent: No such file or directory",
            "------",
            "Dockerfile:2",
            "--------------------",
            "   1 |     FROM busybox",
            "   2 | >>> RUN ls /nonexistent",
            "--------------------",
            "ERROR: failed to solve: process \"/bin/sh -c ls /nonexistent\" did not complete successfully: exit code: 1",
        ]);

        Assert.That(lines, Is.EqualTo(new[]
        {
            " > [2/2] RUN ls /nonexistent:",
            "0.215 ls: /nonexistent: No such file or directory",
            "ERROR: failed to solve: process \"/bin/sh -c ls /nonexistent\" did not complete successfully: exit code: 1",
        }));
    }

    [Test]
    public void A_failure_of_the_built_in_BuildKit_of_CLI_20_10_is_shown_with_the_steps_output_and_its_verdict()
    {
        // As docker 20.10 with DOCKER_BUILDKIT=1 --progress=plain prints it: no output in the summary, a verdict without "ERROR:".
        var lines = DockerErrorOutput.LastErrorLines([
            "#4 [1/2] FROM docker.io/local/busybox:1",
            "#4 sha256:01e1341586a17b4d557fd8dbbd34d9ff54e769d882dc7bd62427c4ab92a80473",
            "#4 CACHED",
            "",
            "#5 [2/2] RUN echo building && ls /nonexistent",
            "#5 sha256:25c15d63c5fc4df262a42ac74a7cca33e4508ecc864274ba6d0f2e1a7f50b0a0",
            "#5 0.132 building",
            "#5 0.132 ls: /nonexistent: No such file or directory",
            "#5 ERROR: executor failed running [/bin/sh -c echo building && ls /nonexistent]: exit code: 1",
            "------",
            " > [2/2] RUN echo building && ls /nonexistent:",
            "------",
            "executor failed running [/bin/sh -c echo building && ls /nonexistent]: exit code: 1",
        ]);

        Assert.That(lines, Is.EqualTo(new[]
        {
            " > [2/2] RUN echo building && ls /nonexistent:",
            "building",
            "ls: /nonexistent: No such file or directory",
            "executor failed running [/bin/sh -c echo building && ls /nonexistent]: exit code: 1",
        }));
    }

    [TestCase("#5 [2/2] RUN --mount=type=secret,id=npm_token npm ci", 2, 2, "RUN --mount=type=secret,id=npm_token npm ci")]
    [TestCase("#4 [1/2] FROM docker.io/local/busybox:1", 1, 2, "FROM docker.io/local/busybox:1")]
    public void The_plain_progress_of_the_built_in_BuildKit_announces_steps_as_buildx_does(string line, int number, int count, string instruction)
    {
        Assert.That(DockerBuildProgress.TryParseStep(line), Is.EqualTo(new DockerBuildStep(number, count, instruction, null)));
        Assert.That(DockerBuildProgress.TryParseStep("#1 [internal] load build definition from Dockerfile"), Is.Null);
        Assert.That(DockerBuildProgress.TryParseStep("#5 sha256:25c15d63c5fc4df262a42ac74a7cca33e4508ecc864274ba6d0f2e1a7f50b0a0"), Is.Null);
        Assert.That(DockerBuildProgress.IsCacheHit("#4 CACHED"), Is.True);
    }

    [Test]
    public void A_buildx_failure_outside_any_step_is_shown_from_the_first_ERROR_line_on()
    {
        var lines = DockerErrorOutput.LastErrorLines([
            "#1 [internal] load build definition from Dockerfile",
            "#1 transferring dockerfile: 2B done",
            "ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory",
        ]);

        Assert.That(lines, Is.EqualTo(new[] { "ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory" }));
    }

    [Test]
    public void A_failing_legacy_RUN_step_is_shown_with_what_its_command_printed_without_colours_or_bookkeeping()
    {
        var lines = DockerErrorOutput.FailedStepLines([
            " ---> Running in 17933cd90ab5",
            "building",
            "\u001b[91mls: /nonexistent: No such file or directory",
            "The command '/bin/sh -c echo building && ls /nonexistent' returned a non-zero code: 1",
            "\u001b[0m",
        ]);

        Assert.That(lines, Is.EqualTo(new[]
        {
            "building",
            "ls: /nonexistent: No such file or directory",
            "The command '/bin/sh -c echo building && ls /nonexistent' returned a non-zero code: 1",
        }));
    }

    [Test]
    public void OCI_labels_take_the_commit_time_so_a_rebuild_of_the_same_source_gets_the_same_labels()
    {
        var state = new GitWorkTreeState("0123456789abcdef0123456789abcdef01234567", "0123456", DateTimeOffset.Parse("2026-03-04T05:06:07+02:00"),
            IsDirty: false, TagsOnHead: [], RemoteUrl: "https://github.com/acme/shop.git");

        var labels = OciImageLabels.From(state);

        Assert.That(labels, Is.EqualTo(new Dictionary<string, string>
        {
            ["org.opencontainers.image.created"] = "2026-03-04T03:06:07Z",
            ["org.opencontainers.image.revision"] = "0123456789abcdef0123456789abcdef01234567",
            ["org.opencontainers.image.source"] = "https://github.com/acme/shop.git",
        }));
        Assert.That(OciImageLabels.From(state with { RemoteUrl = null }).ContainsKey(OciImageLabels.Source), Is.False);
    }
}
