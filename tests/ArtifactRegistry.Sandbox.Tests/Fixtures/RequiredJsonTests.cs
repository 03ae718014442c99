using System.Text.Json.Nodes;
using ArtifactRegistry.Testing.Json;

namespace ArtifactRegistry.Sandbox.Tests.Fixtures;

public sealed class RequiredJsonTests
{
    private static readonly JsonNode Credential = JsonNode.Parse("""{"kind":"ExecCredential","status":{"expirationTimestamp":"2030-01-01T00:00:00Z"},"items":[1]}""")!;

    [Test]
    public void A_present_field_is_read_at_its_path()
    {
        Assert.That(Credential.Require<string>("status", "expirationTimestamp"), Is.EqualTo("2030-01-01T00:00:00Z"));
        Assert.That(Credential.Require<int>("items", 0), Is.EqualTo(1));
    }

    [Test]
    public void A_missing_field_is_named_with_the_body()
    {
        var missing = Assert.Throws<JsonBodyException>(() => Credential.Require<string>("status", "token"))!;

        Assert.That(missing.Message, Does.StartWith("The JSON has no status.token: status has no field \"token\". Body:"));
        Assert.That(missing.Message, Does.Contain("\"expirationTimestamp\": \"2030-01-01T00:00:00Z\""));
    }

    [Test]
    public void A_field_that_is_null_is_told_from_a_missing_one()
    {
        var body = JsonNode.Parse("""{"status":{"token":null}}""");

        var missing = Assert.Throws<JsonBodyException>(() => body.Require<string>("status", "token"))!;

        Assert.That(missing.Message, Does.StartWith("The JSON has no status.token: it is null. Body:"));
    }

    [Test]
    public void A_missing_item_or_a_value_of_another_type_is_named_too()
    {
        var item = Assert.Throws<JsonBodyException>(() => Credential.Require("items", 3))!;
        var type = Assert.Throws<JsonBodyException>(() => Credential.Require<int>("kind"))!;

        Assert.That(item.Message, Does.StartWith("The JSON has no items[3]: items has 1 item(s), no [3]."));
        Assert.That(type.Message, Does.StartWith("The JSON's kind is \"ExecCredential\", not a Int32."));
    }

    [Test]
    public void Text_that_is_not_JSON_is_shown()
    {
        var notJson = Assert.Throws<JsonBodyException>(() => RequiredJson.Parse("ERROR: gcloud crashed", "the plugin's output"))!;

        Assert.That(notJson.Message, Does.StartWith("the plugin's output is not JSON").And.EndWith("It was:" + Environment.NewLine + "ERROR: gcloud crashed"));
    }
}
