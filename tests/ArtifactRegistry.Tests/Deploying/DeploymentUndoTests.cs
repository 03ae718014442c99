using System.Text.Json.Nodes;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.References;
using ArtifactRegistry.Rollouts;
using k8s.Models;

namespace ArtifactRegistry.Tests.Deploying;

/// <summary>kubectl rollout undo's choice of revision and its patch; and the set-image patch.</summary>
public sealed class DeploymentUndoTests
{
    private const string Uid = "5f1c";

    private static WorkloadObject Deployment(string revision) => WorkloadObject.From(new V1Deployment
    {
        Metadata = new V1ObjectMeta
        {
            Name = "api", NamespaceProperty = "shop", Uid = Uid, ResourceVersion = "9", Generation = 3,
            Annotations = new Dictionary<string, string> { [WorkloadObject.RevisionAnnotation] = revision, [ChangeCause.Annotation] = "SetImage api=new" },
        },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "api" } },
            Template = Template("new", "hash-new"),
        },
    });

    private static V1PodTemplateSpec Template(string image, string hash) => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "api", [DeploymentUndo.PodTemplateHashLabel] = hash } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "api", Image = image }] },
    };

    private static V1ReplicaSet Set(string revision, string image, string owner = Uid) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = $"api-{revision}",
            Annotations = new Dictionary<string, string> { [WorkloadObject.RevisionAnnotation] = revision, [ChangeCause.Annotation] = $"SetImage api={image}" },
            OwnerReferences = [new V1OwnerReference { Controller = true, Uid = owner, Kind = "Deployment", Name = "api", ApiVersion = "apps/v1" }],
        },
        Spec = new V1ReplicaSetSpec { Template = Template(image, $"hash-{revision}") },
    };

    [Test]
    public void The_previous_revision_is_the_highest_below_the_current_one_among_the_deployments_own_sets()
    {
        var previous = DeploymentUndo.FindPrevious(Deployment("4"), [Set("1", "one"), Set("3", "three"), Set("4", "four"), Set("5", "other", owner: "someone-else")]);

        Assert.That(previous!.Metadata.Name, Is.EqualTo("api-3"));
    }

    [Test]
    public void A_deployment_with_one_revision_has_nothing_to_go_back_to() =>
        Assert.That(DeploymentUndo.FindPrevious(Deployment("1"), [Set("1", "one")]), Is.Null);

    [Test]
    public void The_undo_patch_replaces_the_template_without_its_hash_and_keeps_the_deployments_revision()
    {
        var patch = JsonNode.Parse(DeploymentUndo.Patch(Deployment("4"), Set("3", "three")))!.AsArray();

        Assert.That(patch.Select(operation => (string?)operation!["path"]), Is.EqualTo(new[] { "/spec/template", "/metadata/annotations" }));
        Assert.That(patch.All(operation => (string?)operation!["op"] == "replace"), Is.True);
        var template = patch[0]!["value"]!;
        Assert.That((string?)template["spec"]!["containers"]![0]!["image"], Is.EqualTo("three"));
        Assert.That(template["metadata"]!["labels"]!.AsObject().Select(label => label.Key), Is.EqualTo(new[] { "app" }));
        var annotations = patch[1]!["value"]!;
        Assert.That((string?)annotations[WorkloadObject.RevisionAnnotation], Is.EqualTo("4"), "the revision is the deployment's own bookkeeping");
        Assert.That((string?)annotations[ChangeCause.Annotation], Is.EqualTo("SetImage api=three"), "the restored revision's cause comes back with it");
    }

    [Test]
    public void The_set_image_patch_carries_the_image_and_the_change_cause_in_one_strategic_merge_patch()
    {
        var change = ImageChange.For(new PodTemplateContainer("api", "old"), ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/api:1@sha256:" + new string('d', 64)));

        Assert.That(WorkloadRollout.ImagePatch(change, "SetImage api=…"), Is.EqualTo(
            "{\"metadata\":{\"annotations\":{\"kubernetes.io/change-cause\":\"SetImage api=\\u2026\"}},\"spec\":{\"template\":{\"spec\":{\"containers\":" +
            $"[{{\"name\":\"api\",\"image\":\"asia-docker.pkg.dev/my-project/repo/api:1@sha256:{new string('d', 64)}\"}}]}}}}}}}}"));
    }

    [Test]
    public void An_init_container_is_patched_in_its_own_list()
    {
        var change = ImageChange.For(new PodTemplateContainer("migrate", "old", IsInit: true), ImageReference.Parse("asia-docker.pkg.dev/my-project/repo/api@sha256:" + new string('d', 64)));

        Assert.That(WorkloadRollout.ImagePatch(change, "x"), Does.Contain("\"initContainers\":[{\"name\":\"migrate\""));
    }
}
