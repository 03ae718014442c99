using ArtifactRegistry.Deploying;
using ArtifactRegistry.Hints;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Tests.Deploying;

public sealed class PlatformMismatchExplanationTests
{
    private const string Image = "asia-docker.pkg.dev/registry-project/apps/api:abc1234@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string Containerd = $"rpc error: code = NotFound desc = failed to pull and unpack image \"{Image}\": no match for platform in manifest: not found";

    private static FailureFacts Facts(PlatformFacts platforms) => new()
    {
        Workload = new WorkloadReference(WorkloadKind.Deployment, "api"),
        Namespace = "shop",
        Image = Image,
        Diagnosis = new RolloutDiagnosis(RolloutFailureKind.ImagePull, "ErrImagePull", Containerd, "api-7d-x", "api", Image, "arm-node-1",
            PullProblem: ImagePullProblems.Classify(Containerd)),
        Platforms = platforms,
    };

    private static readonly NodePlatform[] ArmOnly = [new("arm-node-1", "linux", "arm64"), new("arm-node-2", "linux", "arm64")];

    [Test]
    public void Containerds_no_match_message_is_a_platform_mismatch_not_a_missing_image() =>
        Assert.That(ImagePullProblems.Classify(Containerd), Is.EqualTo(ImagePullProblem.PlatformMismatch));

    [Test]
    public void An_amd64_image_on_arm64_nodes_names_both_platforms_and_the_platforms_setting_but_no_node_selector()
    {
        var text = FailureExplanation.Describe(Facts(new PlatformFacts { ImagePlatforms = ["linux/amd64"], Nodes = ArmOnly }));

        Assert.That(text, Does.StartWith($"deployment/api in namespace shop cannot start: pod api-7d-x cannot pull {Image} (ErrImagePull): {Containerd}. "));
        Assert.That(text, Does.Contain($"{Image} is built for linux/amd64 only, and node arm-node-1 is linux/arm64."));
        Assert.That(text, Does.Contain("The cluster's nodes are linux/arm64 (2 nodes)."));
        Assert.That(text, Does.Contain("SetPlatforms(\"linux/amd64,linux/arm64\") in BuildAndPush"));
        Assert.That(text, Does.Contain("no node of the cluster can run the image as it is, so a node selector cannot help"));
    }

    [Test]
    public void On_a_mixed_cluster_the_node_selector_for_the_images_architecture_is_offered_too()
    {
        var text = FailureExplanation.Describe(Facts(new PlatformFacts { ImagePlatforms = ["linux/amd64"], Nodes = [.. ArmOnly, new("x86-node", "linux", "amd64")] }));

        Assert.That(text, Does.Contain("The cluster's nodes are linux/amd64 (1 node), linux/arm64 (2 nodes)."));
        Assert.That(text, Does.Contain("or keep the pods on nodes the image runs on with a nodeSelector in the pod template (`kubernetes.io/arch: amd64`)"));
    }

    [Test]
    public void Nodes_the_credentials_may_not_list_are_said_to_be_unknown_rather_than_guessed()
    {
        var text = FailureExplanation.Describe(Facts(new PlatformFacts { ImagePlatforms = ["linux/amd64"], NodesProblem = "the credentials may not list nodes (nodes is forbidden)" }));

        Assert.That(text, Does.Contain("The cluster's nodes could not be listed (the credentials may not list nodes (nodes is forbidden)), so their platforms are unknown here; " +
                                       "`kubectl get nodes -L kubernetes.io/arch` shows them."));
        Assert.That(text, Does.Not.Contain("cannot help"));
    }

    [Test]
    public void A_crash_loop_logging_exec_format_error_names_the_nodes_platform_and_the_fix()
    {
        var text = FailureExplanation.Describe(new FailureFacts
        {
            Workload = new WorkloadReference(WorkloadKind.Deployment, "api"),
            Namespace = "shop",
            Image = Image,
            Diagnosis = new RolloutDiagnosis(RolloutFailureKind.CrashLoop, "CrashLoopBackOff", "back-off 10s", "api-7d-x", "api", Image, "arm-node-1", 2,
                new ContainerTermination(255, "Error", null)),
            LogLines = ["exec /app: exec format error"],
            Platforms = new PlatformFacts { Nodes = ArmOnly },
        });

        Assert.That(text, Does.Contain("exec format error` means the image's program was built for another architecture than node arm-node-1 (linux/arm64) can execute"));
        Assert.That(text, Does.Contain("the cluster's nodes are linux/arm64."));
        Assert.That(text, Does.Contain("SetPlatforms(\"linux/arm64\") in BuildAndPush"));
        Assert.That(text, Does.Not.Contain("Fix the image or its configuration"));
    }

    [Test]
    public void The_platforms_setting_is_shown_under_the_hosts_name()
    {
        var message = FailureExplanation.Describe(Facts(new PlatformFacts { ImagePlatforms = ["linux/amd64"], Nodes = ArmOnly }));

        Assert.That(PlatformMismatchExplanation.NamedPlatforms(message), Is.EqualTo(new[] { SettingNames.Platforms.With("linux/amd64,linux/arm64") }));
    }
}
