using ArtifactRegistry.Deploying;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Tests.Deploying;

public sealed class FailureExplanationTests
{
    private const string Image = "asia-docker.pkg.dev/registry-project/apps/api:abc1234@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static readonly WorkloadReference Api = new(WorkloadKind.Deployment, "api");
    private static readonly GkeClusterName Cluster = new("cluster-project", "asia-northeast1", "prod");

    private static FailureFacts Pull(ImagePullProblem problem, string? account) => new()
    {
        Workload = Api,
        Namespace = "shop",
        Image = Image,
        Diagnosis = new RolloutDiagnosis(RolloutFailureKind.ImagePull, "ErrImagePull", "…: 403 Forbidden", "api-7d-x", "api", Image, "node-1", PullProblem: problem),
        NodePool = "default-pool",
        NodeServiceAccount = account,
        Cluster = Cluster,
    };

    [Test]
    public void A_pull_refusal_names_the_node_account_the_role_and_the_exact_grant()
    {
        var text = FailureExplanation.Describe(Pull(ImagePullProblem.PermissionDenied, "gke-nodes@cluster-project.iam.gserviceaccount.com"));

        Assert.That(text, Does.StartWith($"deployment/api in namespace shop cannot start: pod api-7d-x cannot pull {Image} (ErrImagePull): …: 403 Forbidden. "));
        Assert.That(text, Does.Contain(
            "gcloud artifacts repositories add-iam-policy-binding apps --location=asia --project=registry-project " +
            "--member=serviceAccount:gke-nodes@cluster-project.iam.gserviceaccount.com --role=roles/artifactregistry.reader"));
        Assert.That(text, Does.Contain("GrantReader").And.Not.Contain("Compute Engine default"));
    }

    [Test]
    public void The_compute_engine_default_account_gets_its_warning()
    {
        var text = FailureExplanation.Describe(Pull(ImagePullProblem.PermissionDenied, "123456789012-compute@developer.gserviceaccount.com"));

        Assert.That(text, Does.Contain("--member=serviceAccount:123456789012-compute@developer.gserviceaccount.com"));
        Assert.That(text, Does.Contain("is the Compute Engine default service account, which every VM of its project"));
    }

    [Test]
    public void A_pool_on_the_default_account_gets_its_email_form_the_project_number_command_and_the_warning()
    {
        var text = FailureExplanation.Describe(Pull(ImagePullProblem.PermissionDenied, "default"));

        Assert.That(text, Does.Contain("--member=serviceAccount:PROJECT_NUMBER-compute@developer.gserviceaccount.com"));
        Assert.That(text, Does.Contain("`gcloud projects describe cluster-project --format='value(projectNumber)'`"));
        Assert.That(text, Does.Contain("is the Compute Engine default service account"));
    }

    [Test]
    public void An_unknown_node_account_is_a_placeholder_with_the_command_that_prints_it()
    {
        var text = FailureExplanation.Describe(Pull(ImagePullProblem.PermissionDenied, null));

        Assert.That(text, Does.Contain("--member=serviceAccount:NODE_SERVICE_ACCOUNT --role=roles/artifactregistry.reader"));
        Assert.That(text, Does.Contain(
            "`gcloud container node-pools describe default-pool --cluster=prod --location=asia-northeast1 --project=cluster-project --format='value(config.serviceAccount)'`"));
    }

    [Test]
    public void A_missing_manifest_names_the_digest_and_its_likely_causes()
    {
        var text = FailureExplanation.Describe(Pull(ImagePullProblem.NotFound, null));

        Assert.That(text, Does.Contain("The registry has no image sha256:aaaa").And.Contain("a cleanup policy or a prune"));
        Assert.That(text, Does.Contain("gcloud artifacts docker images describe asia-docker.pkg.dev/registry-project/apps/api@sha256:"));
    }

    [Test]
    public void A_crash_loop_shows_the_last_log_lines()
    {
        var text = FailureExplanation.Describe(new FailureFacts
        {
            Workload = Api,
            Namespace = "shop",
            Image = Image,
            Diagnosis = new RolloutDiagnosis(RolloutFailureKind.CrashLoop, "CrashLoopBackOff", "back-off", "api-7d-x", "api", Image, RestartCount: 3,
                LastTermination: new ContainerTermination(2, "Error", null)),
            LogLines = ["starting", "panic: DATABASE_URL is not set"],
        });

        Assert.That(text, Does.StartWith("deployment/api in namespace shop cannot start: container api of pod api-7d-x keeps crashing (CrashLoopBackOff, 3 restarts, last exit code 2 (Error))."));
        Assert.That(text, Does.Contain($"{Environment.NewLine}    starting{Environment.NewLine}    panic: DATABASE_URL is not set"));
        Assert.That(text, Does.Contain("kubectl logs -n shop api-7d-x -c api --previous"));
    }

    [Test]
    public void A_timeout_says_how_far_it_got_and_how_to_wait_longer()
    {
        var text = FailureExplanation.Describe(new FailureFacts
        {
            Workload = Api,
            Namespace = "shop",
            Image = Image,
            Diagnosis = new RolloutDiagnosis(RolloutFailureKind.Timeout, "Timeout", null),
            LastState = new RolloutState(RolloutPhase.InProgress, "1/2 updated, 1/2 available, 1 old", "1 of 2 new replicas to be updated"),
            Timeout = TimeSpan.FromMinutes(10),
        });

        Assert.That(text, Is.EqualTo(
            "deployment/api in namespace shop did not finish rolling out within 10 min (1/2 updated, 1/2 available, 1 old; waiting for 1 of 2 new replicas to be updated). " +
            "If it is only slow, give it longer (SetRolloutTimeout(\"20m\")); else `kubectl describe -n shop deployment/api` shows what holds it."));
    }
}
