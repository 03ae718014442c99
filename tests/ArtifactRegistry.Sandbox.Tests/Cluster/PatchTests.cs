using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Cluster.Patching;

namespace ArtifactRegistry.Sandbox.Tests.Cluster;

/// <summary>The three patch forms on JSON, with the bodies kubectl sends.</summary>
public class PatchTests
{
    private const string Deployment = """
        {"metadata":{"annotations":{"a":"1"}},"spec":{"template":{"spec":{"containers":[
          {"name":"app","image":"app:1","env":[{"name":"X","value":"1"}]},{"name":"sidecar","image":"side:1"}]}}}}
        """;

    [Test]
    public void Strategic_merge_changes_one_container_by_name_and_keeps_the_others_in_order()
    {
        var patch = JsonNode.Parse("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],"containers":[{"image":"app:2","name":"app"}]}}}}
            """);

        var result = StrategicMergePatch.Apply(JsonNode.Parse(Deployment), patch)!;

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(containers.Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "app", "sidecar" }));
            Assert.That(containers.Select(c => c!["image"]!.GetValue<string>()), Is.EqualTo(new[] { "app:2", "side:1" }));
            Assert.That(containers[0]!["env"]!.ToJsonString(), Is.EqualTo("""[{"name":"X","value":"1"}]"""));
        });
    }

    [Test]
    public void Strategic_merge_deletes_by_merge_key_and_replaces_lists_without_one()
    {
        var patch = JsonNode.Parse("""
            {"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}],"args":["a"]}}},"metadata":{"annotations":{"a":null,"b":"2"}}}
            """);

        var result = StrategicMergePatch.Apply(JsonNode.Parse(Deployment), patch)!;

        Assert.Multiple(() =>
        {
            Assert.That(result["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "app" }));
            Assert.That(result["metadata"]!["annotations"]!.ToJsonString(), Is.EqualTo("""{"b":"2"}"""));
        });
    }

    [Test]
    public void Merge_patch_replaces_lists_whole_and_removes_nulls()
    {
        var result = MergePatch.Apply(JsonNode.Parse(Deployment), JsonNode.Parse("""{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"o:1"}]}}},"metadata":{"annotations":{"a":null}}}"""))!;

        Assert.Multiple(() =>
        {
            Assert.That(result["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString(), Is.EqualTo("""[{"name":"only","image":"o:1"}]"""));
            Assert.That(result["metadata"]!["annotations"]!.AsObject(), Is.Empty);
        });
    }

    [Test]
    public void Json_patch_applies_operations_in_order_as_rollout_undo_sends_them()
    {
        var result = JsonPatch.Apply(JsonNode.Parse(Deployment)!, JsonNode.Parse("""
            [{"op":"test","path":"/metadata/annotations/a","value":"1"},
             {"op":"replace","path":"/spec/template/spec/containers/0/image","value":"app:0"},
             {"op":"add","path":"/metadata/annotations/kubernetes.io~1change-cause","value":"undo"},
             {"op":"remove","path":"/spec/template/spec/containers/1"}]
            """));

        Assert.Multiple(() =>
        {
            Assert.That(result["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!["image"]!.GetValue<string>()), Is.EqualTo(new[] { "app:0" }));
            Assert.That(result["metadata"]!["annotations"]!["kubernetes.io/change-cause"]!.GetValue<string>(), Is.EqualTo("undo"));
        });
    }

    [Test]
    public void A_failing_json_patch_test_refuses_the_whole_patch()
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonNode.Parse(Deployment)!, JsonNode.Parse("""[{"op":"test","path":"/metadata/annotations/a","value":"2"}]""")));

        Assert.That(error!.Message, Is.EqualTo("testing value /metadata/annotations/a failed"));
    }
}
