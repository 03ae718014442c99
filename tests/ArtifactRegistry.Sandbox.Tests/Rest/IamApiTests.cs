using System.Net;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Rest;

public class IamApiTests
{
    private const string Repo = "v1/projects/sample-project/locations/asia/repositories/sample";
    private TestSandbox _sandbox = null!;

    [SetUp]
    public async Task Start() => _sandbox = await TestSandbox.StartAsync();

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [Test]
    public async Task The_seeded_repository_policy_makes_the_deployer_a_writer()
    {
        var policy = await _sandbox.GetAsync(Repo + ":getIamPolicy?options.requestedPolicyVersion=3", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(policy.Json["bindings"]!.ToJsonString(), Is.EqualTo(
                "[{\"role\":\"roles/artifactregistry.writer\",\"members\":[\"serviceAccount:deployer@sample-project.iam.gserviceaccount.com\"]}]"));
            Assert.That(policy.Json["etag"]!.GetValue<string>(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Only_an_administrator_reads_or_changes_a_repository_policy()
    {
        var read = await _sandbox.GetAsync(Repo + ":getIamPolicy", SandboxPrincipals.Deployer);
        var write = await _sandbox.RestAsync(HttpMethod.Post, Repo + ":setIamPolicy", SandboxPrincipals.Deployer, new JsonObject { ["policy"] = new JsonObject() });

        Assert.Multiple(() =>
        {
            Assert.That(read.GoogleError.Message, Does.StartWith("Permission 'artifactregistry.repositories.getIamPolicy' denied"));
            Assert.That(write.GoogleError.Message, Does.StartWith("Permission 'artifactregistry.repositories.setIamPolicy' denied"));
        });
    }

    [Test]
    public async Task A_read_modify_write_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var before = await _sandbox.GetAsync(Repo + ":getIamPolicy", SandboxPrincipals.Admin);
        var policy = before.Json.DeepClone().AsObject();
        policy["bindings"]!.AsArray().Add(new JsonObject { ["role"] = "roles/artifactregistry.reader", ["members"] = new JsonArray("serviceAccount:" + SandboxPrincipals.GkeNodes) });

        var set = await _sandbox.RestAsync(HttpMethod.Post, Repo + ":setIamPolicy", SandboxPrincipals.Admin, new JsonObject { ["policy"] = policy });
        var pull = await _sandbox.RegistryAsync(HttpMethod.Get, "v2/sample-project/sample/sample-api/tags/list", SandboxPrincipals.GkeNodes);

        Assert.Multiple(() =>
        {
            Assert.That(set.Status, Is.EqualTo(HttpStatusCode.OK), set.ToString());
            Assert.That(set.Json["etag"]!.GetValue<string>(), Is.Not.EqualTo(before.Json["etag"]!.GetValue<string>()));
            Assert.That(set.Json["bindings"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(pull.Status, Is.EqualTo(HttpStatusCode.OK), "the new binding is enforced at once");
        });
    }

    [Test]
    public async Task A_write_with_a_stale_etag_is_aborted_like_googles_concurrent_change()
    {
        var read = await _sandbox.GetAsync(Repo + ":getIamPolicy", SandboxPrincipals.Admin);
        var stale = read.Json["etag"]!.GetValue<string>();
        _sandbox.Server.Grant(TestSandbox.RepositoryResource, "roles/artifactregistry.reader", "serviceAccount:" + SandboxPrincipals.Viewer);

        var answer = await _sandbox.RestAsync(HttpMethod.Post, Repo + ":setIamPolicy", SandboxPrincipals.Admin, new JsonObject { ["policy"] = read.Json.DeepClone() });

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(answer.GoogleError.Status, Is.EqualTo("ABORTED"));
            Assert.That(answer.GoogleError.Message, Does.StartWith("There were concurrent policy changes. Please retry the whole read-modify-write with exponential backoff."));
            Assert.That(answer.GoogleError.Message, Does.Contain(stale));
        });
    }

    [Test]
    public async Task An_etag_sent_back_in_url_safe_base64_as_gcloud_sends_it_is_still_current()
    {
        // gcloud decodes the etag's bytes and re-encodes them URL-safe; only an etag holding '+' or '/' shows the difference.
        // Revisions whose second and third bytes are all ones encode to base64 with '/' in the third and fourth places,
        // for each of the 256 values of the first byte: however many changes the seed makes first (far fewer than 256),
        // the next etag holds a '/'.
        await using var sandbox = await TestSandbox.StartAsync(new SandboxOptions { FirstEtagRevision = 0x0000_0100_00FF_FF00 });
        sandbox.Server.Grant(TestSandbox.RepositoryResource, "roles/artifactregistry.reader", "serviceAccount:" + SandboxPrincipals.Viewer);
        var read = (await sandbox.GetAsync(Repo + ":getIamPolicy", SandboxPrincipals.Admin)).Json;
        var policy = read.DeepClone().AsObject();
        policy["etag"] = read["etag"]!.GetValue<string>().Replace('+', '-').Replace('/', '_');

        var set = await sandbox.RestAsync(HttpMethod.Post, Repo + ":setIamPolicy", SandboxPrincipals.Admin, new JsonObject { ["policy"] = policy });

        Assert.Multiple(() =>
        {
            Assert.That(read["etag"]!.GetValue<string>(), Does.Contain("/"), "the etag has no '/', so the test would prove nothing");
            Assert.That(set.Status, Is.EqualTo(HttpStatusCode.OK), set.ToString());
        });
    }

    [TestCase("roles/artifactregistry.superuser", "Role roles/artifactregistry.superuser is not supported for this resource.")]
    public async Task An_unknown_role_is_refused(string role, string message)
    {
        var policy = new JsonObject { ["bindings"] = new JsonArray(new JsonObject { ["role"] = role, ["members"] = new JsonArray("allUsers") }) };

        var answer = await _sandbox.RestAsync(HttpMethod.Post, Repo + ":setIamPolicy", SandboxPrincipals.Admin, new JsonObject { ["policy"] = policy });

        Assert.That(answer.GoogleError, Is.EqualTo((400, "INVALID_ARGUMENT", message)));
    }

    [TestCase("deployer@sample-project.iam.gserviceaccount.com")]
    [TestCase("serviceAccount:")]
    [TestCase("robot:x@y.z")]
    public async Task A_malformed_member_is_refused(string member)
    {
        var policy = new JsonObject { ["bindings"] = new JsonArray(new JsonObject { ["role"] = "roles/artifactregistry.reader", ["members"] = new JsonArray(member) }) };

        var answer = await _sandbox.RestAsync(HttpMethod.Post, Repo + ":setIamPolicy", SandboxPrincipals.Admin, new JsonObject { ["policy"] = policy });

        Assert.That(answer.GoogleError.Message, Does.StartWith($"Invalid member: {member}."));
    }

    [Test]
    public async Task Test_iam_permissions_answers_the_subset_the_caller_holds()
    {
        var asked = new JsonObject { ["permissions"] = new JsonArray("artifactregistry.repositories.downloadArtifacts", "artifactregistry.repositories.uploadArtifacts", "artifactregistry.repositories.deleteArtifacts") };

        var deployer = await _sandbox.RestAsync(HttpMethod.Post, Repo + ":testIamPermissions", SandboxPrincipals.Deployer, asked);
        var viewer = await _sandbox.RestAsync(HttpMethod.Post, Repo + ":testIamPermissions", SandboxPrincipals.Viewer, asked);

        Assert.Multiple(() =>
        {
            Assert.That(deployer.Json["permissions"]!.AsArray().Select(p => p!.GetValue<string>()),
                Is.EqualTo(new[] { "artifactregistry.repositories.downloadArtifacts", "artifactregistry.repositories.uploadArtifacts" }));
            Assert.That(viewer.Json["permissions"], Is.Null);
        });
    }

    [Test]
    public async Task A_project_level_reader_grant_reaches_every_repository_of_the_project()
    {
        _sandbox.Server.CreateRepository("sample-project", "us", "elsewhere");
        var read = await _sandbox.RestAsync(HttpMethod.Post, "v1/projects/sample-project:getIamPolicy", SandboxPrincipals.Admin, new JsonObject());
        var policy = read.Json.DeepClone().AsObject();
        policy["bindings"]!.AsArray().Add(new JsonObject { ["role"] = "roles/artifactregistry.reader", ["members"] = new JsonArray("serviceAccount:" + SandboxPrincipals.GkeNodes) });

        var set = await _sandbox.RestAsync(HttpMethod.Post, "v1/projects/sample-project:setIamPolicy", SandboxPrincipals.Admin, new JsonObject { ["policy"] = policy });
        var asia = await _sandbox.GetAsync(Repo, SandboxPrincipals.GkeNodes);
        var us = await _sandbox.GetAsync("v1/projects/sample-project/locations/us/repositories/elsewhere", SandboxPrincipals.GkeNodes);

        Assert.Multiple(() =>
        {
            Assert.That(set.Status, Is.EqualTo(HttpStatusCode.OK), set.ToString());
            Assert.That(asia.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(us.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Changing_a_project_policy_needs_project_iam_permissions()
    {
        var answer = await _sandbox.RestAsync(HttpMethod.Post, "v1/projects/sample-project:getIamPolicy", SandboxPrincipals.Deployer, new JsonObject());

        Assert.That(answer.GoogleError, Is.EqualTo((403, "PERMISSION_DENIED", "The caller does not have permission")));
    }

    [Test]
    public async Task A_conditional_binding_is_stored_with_version_3_but_grants_nothing_in_the_sandbox()
    {
        var policy = new JsonObject
        {
            ["bindings"] = new JsonArray(new JsonObject
            {
                ["role"] = "roles/artifactregistry.reader",
                ["members"] = new JsonArray("serviceAccount:" + SandboxPrincipals.Viewer),
                ["condition"] = new JsonObject { ["title"] = "later", ["expression"] = "request.time > timestamp(\"2030-01-01T00:00:00Z\")" },
            }),
        };

        var set = await _sandbox.RestAsync(HttpMethod.Post, Repo + ":setIamPolicy", SandboxPrincipals.Admin, new JsonObject { ["policy"] = policy });
        var get = await _sandbox.GetAsync(Repo, SandboxPrincipals.Viewer);

        Assert.Multiple(() =>
        {
            Assert.That(set.Json["version"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(set.Json["bindings"]![0]!["condition"]!["title"]!.GetValue<string>(), Is.EqualTo("later"));
            Assert.That(get.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }
}
