using ArtifactRegistry.References;
using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Tests.Rollouts;

public sealed class ChangeCauseTests
{
    private static readonly ImageChange Change = ImageChange.For(new PodTemplateContainer("api", null),
        ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/api:abc1234@sha256:" + new string('c', 64)));

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(variable => variable.Name == name).Value;

    [Test]
    public void The_cause_says_what_which_digest_which_commit_and_which_run()
    {
        var run = CiRun.FromEnvironment(Environment(("GITHUB_RUN_ID", "42"), ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_REPOSITORY", "acme/shop"), ("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567"), ("GITHUB_RUN_ATTEMPT", "1")));

        Assert.That(ChangeCause.Describe(Change, null, run), Is.EqualTo(
            $"SetImage api=asia-docker.pkg.dev/my-project/repo/api:abc1234@sha256:{new string('c', 64)}; commit 0123456789ab; " +
            "GitHub Actions run 42 (https://github.com/acme/shop/actions/runs/42)"));
    }

    [Test]
    public void An_explicit_commit_wins_over_the_ci_one_and_no_ci_gives_no_run() =>
        Assert.That(ChangeCause.Describe(Change, "v1.2.3", null), Does.EndWith("; commit v1.2.3"));

    [Test]
    public void A_retried_github_run_links_its_attempt() =>
        Assert.That(CiRun.FromEnvironment(Environment(("GITHUB_RUN_ID", "42"), ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_REPOSITORY", "acme/shop"), ("GITHUB_RUN_ATTEMPT", "3")))!.Url, Is.EqualTo("https://github.com/acme/shop/actions/runs/42/attempts/3"));

    [Test]
    public void Gitlab_pipelines_are_recognised() =>
        Assert.That(CiRun.FromEnvironment(Environment(("CI_PIPELINE_ID", "7"), ("CI_PIPELINE_URL", "https://gitlab.com/a/b/-/pipelines/7"), ("CI_COMMIT_SHA", "abc"))),
            Is.EqualTo(new CiRun("GitLab CI", "7", "https://gitlab.com/a/b/-/pipelines/7", "abc")));

    [Test]
    public void Outside_ci_there_is_no_run() =>
        Assert.That(CiRun.FromEnvironment(Environment()), Is.Null);
}
