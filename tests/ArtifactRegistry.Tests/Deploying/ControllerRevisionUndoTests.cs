using ArtifactRegistry.Deploying;
using ArtifactRegistry.Kubernetes;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Tests.Deploying;

public sealed class ControllerRevisionUndoTests
{
    private static readonly WorkloadObject Set = WorkloadObject.From(new V1StatefulSet
    {
        Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = "shop", Uid = "set-uid", ResourceVersion = "1" },
        Spec = new V1StatefulSetSpec { Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec() },
    });

    [Test]
    public void The_previous_revision_is_the_second_highest_among_those_the_set_controls()
    {
        V1ControllerRevision[] revisions = [Revision("db-a", 1, "set-uid"), Revision("db-c", 4, "set-uid"), Revision("db-b", 3, "set-uid"), Revision("other-x", 9, "other-uid")];

        Assert.That(ControllerRevisionUndo.FindPrevious(Set, revisions)?.Metadata.Name, Is.EqualTo("db-b"));
    }

    [Test]
    public void A_set_with_one_revision_has_nothing_to_go_back_to()
    {
        Assert.That(ControllerRevisionUndo.FindPrevious(Set, [Revision("db-a", 1, "set-uid"), Revision("other-x", 2, "other-uid")]), Is.Null);
    }

    [Test]
    public void The_patch_is_the_revisions_data_and_names_its_template()
    {
        var revision = KubernetesJson.Deserialize<V1ControllerRevision>(
            """{"metadata":{"name":"db-a"},"revision":1,"data":{"spec":{"template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"x@sha256:1"}]},"$patch":"replace"}}}}""");

        Assert.That(ControllerRevisionData.Patch(revision), Is.EqualTo("""{"spec":{"template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"x@sha256:1"}]},"$patch":"replace"}}}"""));
        Assert.That(ControllerRevisionData.Template(revision).Spec.Containers.Single().Image, Is.EqualTo("x@sha256:1"));
    }

    private static V1ControllerRevision Revision(string name, long number, string ownerUid) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, OwnerReferences = [new V1OwnerReference { Controller = true, Uid = ownerUid, Kind = "StatefulSet", Name = "db", ApiVersion = "apps/v1" }] },
        Revision = number,
    };
}
