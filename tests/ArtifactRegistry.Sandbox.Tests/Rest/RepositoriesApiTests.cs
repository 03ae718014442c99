using System.Net;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Rest;

public class RepositoriesApiTests
{
    private const string Repo = "v1/projects/sample-project/locations/asia/repositories/sample";
    private TestSandbox _sandbox = null!;

    [SetUp]
    public async Task Start() => _sandbox = await TestSandbox.StartAsync();

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [Test]
    public async Task Get_answers_the_repository_with_its_docker_format_and_registry_uri()
    {
        var answer = await _sandbox.GetAsync(Repo + "?alt=json", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answer.Json["name"]!.GetValue<string>(), Is.EqualTo("projects/sample-project/locations/asia/repositories/sample"));
            Assert.That(answer.Json["format"]!.GetValue<string>(), Is.EqualTo("DOCKER"));
            Assert.That(answer.Json["registryUri"]!.GetValue<string>(), Is.EqualTo("asia-docker.pkg.dev/sample-project/sample"));
            Assert.That(answer.Json["mode"]!.GetValue<string>(), Is.EqualTo("STANDARD_REPOSITORY"));
        });
    }

    [Test]
    public async Task The_repository_size_counts_what_was_pushed()
    {
        var image = await _sandbox.PushAsync("sized");

        var answer = await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);

        Assert.That(long.Parse(answer.Json["sizeBytes"]!.GetValue<string>()), Is.EqualTo(image.Config.Length + image.Layer.Length + image.Manifest.Length));
    }

    [Test]
    public async Task A_principal_without_a_role_is_denied_with_googles_text_and_error_info()
    {
        var answer = await _sandbox.GetAsync(Repo, SandboxPrincipals.Viewer);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(answer.GoogleError, Is.EqualTo((403, "PERMISSION_DENIED",
                "Permission 'artifactregistry.repositories.get' denied on resource '//artifactregistry.googleapis.com/projects/sample-project/locations/asia/repositories/sample' (or it may not exist).")));
            Assert.That(answer.Json["error"]!["details"]![0]!["reason"]!.GetValue<string>(), Is.EqualTo("IAM_PERMISSION_DENIED"));
            Assert.That(answer.Json["error"]!["details"]![0]!["metadata"]!["permission"]!.GetValue<string>(), Is.EqualTo("artifactregistry.repositories.get"));
        });
    }

    [Test]
    public async Task A_missing_repository_is_denied_like_a_forbidden_one_unless_the_caller_could_see_it()
    {
        var deployer = await _sandbox.GetAsync("v1/projects/sample-project/locations/asia/repositories/nope", SandboxPrincipals.Deployer);
        var admin = await _sandbox.GetAsync("v1/projects/sample-project/locations/asia/repositories/nope", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(deployer.GoogleError.Status, Is.EqualTo("PERMISSION_DENIED"));
            Assert.That(admin.GoogleError, Is.EqualTo((404, "NOT_FOUND", "Requested entity was not found.")));
        });
    }

    [Test]
    public async Task Requests_without_credentials_get_googles_unauthenticated_answer()
    {
        var missing = await _sandbox.GetAsync(Repo, principal: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Api(Repo));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "ya29.forged");
        var invalid = await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(missing.GoogleError.Status, Is.EqualTo("UNAUTHENTICATED"));
            Assert.That(missing.GoogleError.Message, Does.StartWith("Request is missing required authentication credential."));
            Assert.That(missing.Header("WWW-Authenticate"), Does.StartWith("Bearer"));
            Assert.That(invalid.GoogleError.Message, Does.StartWith("Request had invalid authentication credentials."));
        });
    }

    [Test]
    public async Task Create_needs_the_project_permission_and_answers_a_finished_operation_with_the_repository()
    {
        var body = new JsonObject { ["format"] = "DOCKER", ["description"] = "team images", ["labels"] = new JsonObject { ["team"] = "a" } };

        var denied = await _sandbox.RestAsync(HttpMethod.Post, "v1/projects/sample-project/locations/asia/repositories?repositoryId=team", SandboxPrincipals.Deployer, body);
        var created = await _sandbox.RestAsync(HttpMethod.Post, "v1/projects/sample-project/locations/asia/repositories?repositoryId=team", SandboxPrincipals.Admin, body);
        var again = await _sandbox.RestAsync(HttpMethod.Post, "v1/projects/sample-project/locations/asia/repositories?repositoryId=team", SandboxPrincipals.Admin, body);
        var operation = await _sandbox.GetAsync("v1/" + created.Json["name"]!.GetValue<string>(), SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(denied.GoogleError.Message, Is.EqualTo(
                "Permission 'artifactregistry.repositories.create' denied on resource '//artifactregistry.googleapis.com/projects/sample-project/locations/asia' (or it may not exist)."));
            Assert.That(created.Json["done"]!.GetValue<bool>(), Is.True);
            Assert.That(created.Json["response"]!["@type"]!.GetValue<string>(), Is.EqualTo("type.googleapis.com/google.devtools.artifactregistry.v1.Repository"));
            Assert.That(created.Json["response"]!["description"]!.GetValue<string>(), Is.EqualTo("team images"));
            Assert.That(again.GoogleError, Is.EqualTo((409, "ALREADY_EXISTS", "the repository already exists")));
            Assert.That(operation.Json["name"]!.GetValue<string>(), Is.EqualTo(created.Json["name"]!.GetValue<string>()));
        });
    }

    [TestCase("Bad_Id")]
    [TestCase("9starts-with-digit")]
    [TestCase("ends-with-")]
    public async Task Create_refuses_an_invalid_repository_id(string id)
    {
        var answer = await _sandbox.RestAsync(HttpMethod.Post, $"v1/projects/sample-project/locations/asia/repositories?repositoryId={id}", SandboxPrincipals.Admin, new JsonObject { ["format"] = "DOCKER" });

        Assert.That(answer.GoogleError.Status, Is.EqualTo("INVALID_ARGUMENT"));
    }

    [Test]
    public async Task Create_refuses_a_location_the_sandbox_does_not_serve()
    {
        var answer = await _sandbox.RestAsync(HttpMethod.Post, "v1/projects/sample-project/locations/mars/repositories?repositoryId=x", SandboxPrincipals.Admin, new JsonObject { ["format"] = "DOCKER" });

        Assert.That(answer.GoogleError.Message, Does.Contain("\"mars\"").And.Contain("SandboxOptions.Locations"));
    }

    [Test]
    public async Task List_answers_every_repository_of_the_location_for_a_project_level_caller_and_only_granted_ones_otherwise()
    {
        _sandbox.Server.CreateRepository("sample-project", "asia", "second");

        var admin = await _sandbox.GetAsync("v1/projects/sample-project/locations/asia/repositories", SandboxPrincipals.Admin);
        var deployer = await _sandbox.GetAsync("v1/projects/sample-project/locations/asia/repositories", SandboxPrincipals.Deployer);
        var viewer = await _sandbox.GetAsync("v1/projects/sample-project/locations/asia/repositories", SandboxPrincipals.Viewer);

        Assert.Multiple(() =>
        {
            Assert.That(admin.Json["repositories"]!.AsArray().Select(r => r!["name"]!.GetValue<string>().Split('/')[^1]), Is.EqualTo(new[] { "sample", "second" }));
            Assert.That(deployer.Json["repositories"]!.AsArray().Select(r => r!["name"]!.GetValue<string>().Split('/')[^1]), Is.EqualTo(new[] { "sample" }));
            Assert.That(viewer.GoogleError.Status, Is.EqualTo("PERMISSION_DENIED"));
        });
    }

    [Test]
    public async Task Patch_with_an_update_mask_changes_only_the_masked_fields()
    {
        var body = new JsonObject
        {
            ["description"] = "ignored",
            ["dockerConfig"] = new JsonObject { ["immutableTags"] = true },
            ["cleanupPolicies"] = new JsonObject
            {
                ["drop-untagged"] = new JsonObject { ["id"] = "drop-untagged", ["action"] = "DELETE", ["condition"] = new JsonObject { ["tagState"] = "UNTAGGED", ["olderThan"] = "604800s" } },
            },
        };

        var patched = await _sandbox.RestAsync(HttpMethod.Patch, Repo + "?updateMask=dockerConfig.immutableTags,cleanupPolicies", SandboxPrincipals.Admin, body);

        Assert.Multiple(() =>
        {
            Assert.That(patched.Status, Is.EqualTo(HttpStatusCode.OK), patched.ToString());
            Assert.That(patched.Json["dockerConfig"]!["immutableTags"]!.GetValue<bool>(), Is.True);
            Assert.That(patched.Json["cleanupPolicies"]!["drop-untagged"]!["condition"]!["tagState"]!.GetValue<string>(), Is.EqualTo("UNTAGGED"));
            Assert.That(patched.Json["description"], Is.Null);
        });
    }

    [Test]
    public async Task Patch_refuses_more_than_ten_cleanup_policies_and_most_recent_versions_with_delete()
    {
        var tooMany = new JsonObject();
        for (var i = 0; i < 11; i++)
            tooMany["p" + i] = new JsonObject { ["action"] = "DELETE", ["condition"] = new JsonObject { ["tagState"] = "ANY" } };
        var wrongAction = new JsonObject { ["keep"] = new JsonObject { ["action"] = "DELETE", ["mostRecentVersions"] = new JsonObject { ["keepCount"] = 5 } } };

        var first = await _sandbox.RestAsync(HttpMethod.Patch, Repo + "?updateMask=cleanupPolicies", SandboxPrincipals.Admin, new JsonObject { ["cleanupPolicies"] = tooMany });
        var second = await _sandbox.RestAsync(HttpMethod.Patch, Repo + "?updateMask=cleanupPolicies", SandboxPrincipals.Admin, new JsonObject { ["cleanupPolicies"] = wrongAction });

        Assert.Multiple(() =>
        {
            Assert.That(first.GoogleError.Message, Is.EqualTo("A repository can have at most 10 cleanup policies."));
            Assert.That(second.GoogleError.Message, Does.Contain("mostRecentVersions is only allowed with action KEEP"));
        });
    }

    [Test]
    public async Task Delete_removes_the_repository_for_an_administrator_only()
    {
        var denied = await _sandbox.RestAsync(HttpMethod.Delete, Repo, SandboxPrincipals.Deployer);
        var deleted = await _sandbox.RestAsync(HttpMethod.Delete, Repo, SandboxPrincipals.Admin);
        var gone = await _sandbox.GetAsync(Repo, SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(denied.GoogleError.Message, Does.StartWith("Permission 'artifactregistry.repositories.delete' denied"));
            Assert.That(deleted.Json["done"]!.GetValue<bool>(), Is.True);
            Assert.That(gone.Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task An_unknown_path_answers_404_in_googles_shape()
    {
        var answer = await _sandbox.GetAsync("v1/projects/sample-project/locations/asia/somethingElse", SandboxPrincipals.Admin);

        Assert.That(answer.GoogleError.Code, Is.EqualTo(404));
    }

    [Test]
    public async Task Locations_and_project_settings_answer_what_gcloud_asks_for()
    {
        var locations = await _sandbox.GetAsync("v1/projects/sample-project/locations", SandboxPrincipals.Deployer);
        var settings = await _sandbox.GetAsync("v1/projects/sample-project/projectSettings", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(locations.Json["locations"]!.AsArray().Select(l => l!["locationId"]!.GetValue<string>()), Is.EqualTo(new[] { "asia", "us" }));
            Assert.That(settings.Json["legacyRedirectionState"]!.GetValue<string>(), Is.EqualTo("REDIRECTION_FROM_GCR_IO_DISABLED"));
        });
    }
}
