using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Iam;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using ArtifactRegistry.Tests.TestServers;

namespace ArtifactRegistry.Tests.Registry;

public class ArtifactRegistryClientTests
{
    private const string Repo = "projects/sample-project/locations/asia/repositories/apps";
    private static readonly RepositoryName Name = RepositoryName.Parse(Repo);
    private const string Digest = "sha256:abababababababababababababababababababababababababababababababab";
    private const string Token = "ya29.client-test-token";

    private static readonly RetryPolicy FastRetry = new() { InitialBackoff = TimeSpan.FromMilliseconds(5), MaxBackoff = TimeSpan.FromMilliseconds(20), MaxAttempts = 4 };

    private static IAccessTokenSource StaticToken() =>
        new RefreshingAccessTokenSource("test token", GooglePrincipal.Unknown("test"),
            _ => Task.FromResult(new AccessToken(Token, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1))));

    private static ArtifactRegistryClient Client(ScriptedHttpServer server, RetryPolicy? retry = null) =>
        new(StaticToken(), new ArtifactRegistryClientOptions
        {
            ApiRoot = server.Server.BaseAddress,
            Retry = retry ?? FastRetry,
            OperationPollInterval = TimeSpan.FromMilliseconds(5),
        });

    [Test]
    public async Task I_can_get_a_repository_with_a_bearer_token_and_alt_json()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedAnswer.Ok(
            $$"""{"name": "{{Repo}}", "format": "DOCKER", "createTime": "2024-03-01T10:20:30.123456789Z", "mode": "STANDARD_REPOSITORY", "sizeBytes": "123"}"""));
        using var client = Client(server);

        var repository = await client.GetRepositoryAsync(Name);

        Assert.That(repository.Format, Is.EqualTo(Repository.DockerFormat));
        Assert.That(repository.CreateTime, Is.EqualTo(new DateTimeOffset(2024, 3, 1, 10, 20, 30, TimeSpan.Zero).AddTicks(1234567)));
        var request = server.Requests.Single();
        Assert.That(request.Method + " " + request.PathAndQuery, Is.EqualTo($"GET /v1/{Repo}?alt=json"));
        Assert.That(request.Authorization, Is.EqualTo($"Bearer {Token}"));
    }

    [Test]
    public async Task A_Google_error_becomes_an_exception_with_the_http_status_google_status_and_message()
    {
        const string message = "Permission 'artifactregistry.repositories.get' denied on resource '//artifactregistry.googleapis.com/projects/sample-project/locations/asia/repositories/apps' (or it may not exist).";
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedAnswer.GoogleError(403, "PERMISSION_DENIED", message));
        using var client = Client(server);

        var error = (await Assert.ThrowsAsync<ArtifactRegistryApiException>(() => client.GetRepositoryAsync(Name)))!;

        Assert.That(error.HttpStatus, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(error.GoogleStatus, Is.EqualTo("PERMISSION_DENIED"));
        Assert.That(error.GoogleMessage, Is.EqualTo(message));
        Assert.That(error.Message, Does.Contain("PERMISSION_DENIED (403)").And.Contain(Repo).And.Not.Contain(Token));
        Assert.That(server.Requests, Has.Count.EqualTo(1), "a 403 is never retried");
    }

    [TestCase(400, "INVALID_ARGUMENT")]
    [TestCase(404, "NOT_FOUND")]
    [TestCase(409, "ALREADY_EXISTS")]
    public async Task Other_client_errors_are_not_retried(int status, string googleStatus)
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedAnswer.GoogleError(status, googleStatus, "no"), ScriptedAnswer.Ok("{}"));
        using var client = Client(server);

        var error = (await Assert.ThrowsAsync<ArtifactRegistryApiException>(() => client.GetRepositoryAsync(Name)))!;

        Assert.That(error.GoogleStatus, Is.EqualTo(googleStatus));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Server_errors_and_dropped_connections_are_retried_until_an_answer()
    {
        await using var server = await ScriptedHttpServer.StartAsync(
            ScriptedAnswer.GoogleError(503, "UNAVAILABLE", "try again"),
            ScriptedAnswer.Dropped,
            ScriptedAnswer.GoogleError(500, "INTERNAL", "oops"),
            ScriptedAnswer.Ok($$"""{"name": "{{Repo}}", "format": "DOCKER"}"""));
        using var client = Client(server);

        var repository = await client.GetRepositoryAsync(Name);

        Assert.That(repository.Name, Is.EqualTo(Repo));
        Assert.That(client.RequestCount, Is.EqualTo(4));
    }

    [Test]
    public async Task Retries_are_bounded()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedAnswer.GoogleError(503, "UNAVAILABLE", "still down"));
        using var client = Client(server);

        var error = (await Assert.ThrowsAsync<ArtifactRegistryApiException>(() => client.GetRepositoryAsync(Name)))!;

        Assert.That(error.GoogleStatus, Is.EqualTo("UNAVAILABLE"));
        Assert.That(server.Requests, Has.Count.EqualTo(FastRetry.MaxAttempts));
    }

    [Test]
    public async Task A_429_waits_as_long_as_Retry_After_says()
    {
        await using var server = await ScriptedHttpServer.StartAsync(
            ScriptedAnswer.GoogleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded") with { Headers = [("Retry-After", "1")] },
            ScriptedAnswer.Ok("""{"permissions": ["artifactregistry.repositories.uploadArtifacts"]}"""));
        using var client = Client(server);
        var stopwatch = Stopwatch.StartNew();

        var held = await client.TestIamPermissionsAsync(Name, ["artifactregistry.repositories.uploadArtifacts"]);

        Assert.That(held, Is.EqualTo(new[] { "artifactregistry.repositories.uploadArtifacts" }));
        Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_Retry_After_longer_than_allowed_fails_at_once()
    {
        await using var server = await ScriptedHttpServer.StartAsync(
            ScriptedAnswer.GoogleError(429, "RESOURCE_EXHAUSTED", "Quota exceeded") with { Headers = [("Retry-After", "3600")] });
        using var client = Client(server);

        var error = (await Assert.ThrowsAsync<ArtifactRegistryApiException>(() => client.GetRepositoryAsync(Name)))!;

        Assert.That(error.HttpStatus, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task I_can_test_permissions_and_an_empty_answer_means_none_are_held()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedAnswer.Ok("{}"));
        using var client = Client(server);

        var held = await client.TestIamPermissionsAsync(Name, ["artifactregistry.repositories.uploadArtifacts", "artifactregistry.tags.update"]);

        Assert.That(held, Is.Empty);
        var request = server.Requests.Single();
        Assert.That(request.PathAndQuery, Is.EqualTo($"/v1/{Repo}:testIamPermissions?alt=json"));
        Assert.That(JsonNode.Parse(request.Body)!.ToJsonString(),
            Is.EqualTo("""{"permissions":["artifactregistry.repositories.uploadArtifacts","artifactregistry.tags.update"]}"""));
    }

    [Test]
    public async Task Package_ids_with_slashes_travel_double_escaped_and_digests_keep_their_colon()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedAnswer.Ok("""{"name": "x"}"""));
        using var client = Client(server);

        await client.GetVersionAsync(Name.Package("team/app").Version(ImageDigest.Parse(Digest)), VersionView.Full);

        Assert.That(server.Requests.Single().PathAndQuery, Is.EqualTo($"/v1/{Repo}/packages/team%252Fapp/versions/{Digest}?alt=json&view=FULL"));
    }

    [Test]
    public async Task Listing_follows_every_page()
    {
        await using var server = await ScriptedHttpServer.StartAsync(
            ScriptedAnswer.Ok("""{"versions": [{"name": "v1"}, {"name": "v2"}], "nextPageToken": "p2"}"""),
            ScriptedAnswer.Ok("""{"versions": [{"name": "v3"}], "nextPageToken": "p3"}"""),
            ScriptedAnswer.Ok("""{"versions": [{"name": "v4"}]}"""));
        using var client = Client(server);

        var names = new List<string?>();
        await foreach (var version in client.ListVersionsAsync(Name.Package("app"), pageSize: 2))
            names.Add(version.Name);

        Assert.That(names, Is.EqualTo(new[] { "v1", "v2", "v3", "v4" }));
        Assert.That(server.Requests.Select(r => r.PathAndQuery.Split('?')[1]), Is.EqualTo(new[]
        {
            "alt=json&view=BASIC&pageSize=2",
            "alt=json&view=BASIC&pageSize=2&pageToken=p2",
            "alt=json&view=BASIC&pageSize=2&pageToken=p3",
        }));
    }

    [Test]
    public async Task Docker_images_list_with_sizes_as_strings_and_nanosecond_times()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedAnswer.Ok($$"""
            {"dockerImages": [{"name": "{{Repo}}/dockerImages/app@sha256:aa", "uri": "asia-docker.pkg.dev/sample-project/apps/app@sha256:aa",
              "tags": ["latest"], "imageSizeBytes": "2048", "uploadTime": "2024-01-02T03:04:05.999999999Z", "mediaType": "application/vnd.docker.distribution.manifest.v2+json"}]}
            """));
        using var client = Client(server);

        var images = await client.ListDockerImagesAsync(Name).ToListAsync();

        Assert.That(images.Single().ImageSizeBytes, Is.EqualTo(2048));
        Assert.That(images.Single().Tags, Is.EqualTo(new[] { "latest" }));
        Assert.That(images.Single().UploadTime!.Value.Second, Is.EqualTo(5));
    }

    [Test]
    public async Task Creating_a_repository_polls_its_operation_until_done()
    {
        await using var server = await ScriptedHttpServer.StartAsync(
            ScriptedAnswer.Ok("""{"name": "projects/sample-project/locations/asia/operations/op1", "done": false}"""),
            ScriptedAnswer.Ok("""{"name": "projects/sample-project/locations/asia/operations/op1", "done": false}"""),
            ScriptedAnswer.Ok("""{"name": "projects/sample-project/locations/asia/operations/op1", "done": true, "response": {}}"""),
            ScriptedAnswer.Ok($$"""{"name": "{{Repo}}", "format": "DOCKER"}"""));
        using var client = Client(server);

        var repository = await client.CreateRepositoryAndWaitAsync(Name, new Repository { Format = "DOCKER" });

        Assert.That(repository.Name, Is.EqualTo(Repo));
        Assert.That(server.Requests.Select(r => r.Method + " " + r.PathAndQuery), Is.EqualTo(new[]
        {
            "POST /v1/projects/sample-project/locations/asia/repositories?alt=json&repositoryId=apps",
            "GET /v1/projects/sample-project/locations/asia/operations/op1?alt=json",
            "GET /v1/projects/sample-project/locations/asia/operations/op1?alt=json",
            $"GET /v1/{Repo}?alt=json",
        }));
        Assert.That(JsonNode.Parse(server.Requests[0].Body)!["format"]!.GetValue<string>(), Is.EqualTo("DOCKER"));
    }

    [Test]
    public async Task A_failed_operation_raises_its_error()
    {
        await using var server = await ScriptedHttpServer.StartAsync(
            ScriptedAnswer.Ok("""{"name": "projects/p/locations/asia/operations/op1", "done": true, "error": {"code": 7, "message": "Permission 'artifactregistry.repositories.create' denied"}}"""));
        using var client = Client(server);

        var error = (await Assert.ThrowsAsync<ArtifactRegistryApiException>(() =>
            client.CreateRepositoryAndWaitAsync(Name, new Repository { Format = "DOCKER" })))!;

        Assert.That(error.GoogleStatus, Is.EqualTo("PERMISSION_DENIED"));
        Assert.That(error.GoogleMessage, Does.Contain("repositories.create"));
    }

    [Test]
    public async Task Moving_a_tag_patches_only_its_version()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedAnswer.Ok("""{"name": "t", "version": "v"}"""));
        using var client = Client(server);
        var tag = Name.Package("app").Tag("latest");

        await client.UpdateTagAsync(tag, Name.Package("app").Version(ImageDigest.Parse(Digest)));

        var request = server.Requests.Single();
        Assert.That(request.Method + " " + request.PathAndQuery, Is.EqualTo($"PATCH /v1/{tag}?alt=json&updateMask=version"));
        Assert.That(JsonNode.Parse(request.Body)!["version"]!.GetValue<string>(), Does.EndWith(Digest));
    }

    [Test]
    public async Task A_missing_tag_is_found_as_null()
    {
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedAnswer.GoogleError(404, "NOT_FOUND", "Requested entity was not found."));
        using var client = Client(server);

        Assert.That(await client.FindTagAsync(Name.Package("app").Tag("latest")), Is.Null);
    }

    [Test]
    public async Task A_policy_round_trip_keeps_fields_the_library_does_not_know()
    {
        const string policy = """
            {"version": 3, "etag": "BwYx", "auditConfigs": [{"service": "allServices"}],
             "bindings": [{"role": "roles/artifactregistry.reader", "members": ["user:a@example.com"],
                           "condition": {"title": "expires", "expression": "request.time < timestamp('2030-01-01T00:00:00Z')"}}]}
            """;
        await using var server = await ScriptedHttpServer.StartAsync(ScriptedAnswer.Ok(policy), ScriptedAnswer.Ok(policy));
        using var client = Client(server);

        var read = await client.GetIamPolicyAsync(Name);
        await client.SetIamPolicyAsync(Name, read.WithMember("roles/artifactregistry.writer", "serviceAccount:ci@p.iam.gserviceaccount.com"));

        Assert.That(server.Requests[0].PathAndQuery, Is.EqualTo($"/v1/{Repo}:getIamPolicy?alt=json&options.requestedPolicyVersion=3"));
        var sent = JsonNode.Parse(server.Requests[1].Body)!["policy"]!;
        Assert.That(sent["etag"]!.GetValue<string>(), Is.EqualTo("BwYx"));
        Assert.That(sent["auditConfigs"]![0]!["service"]!.GetValue<string>(), Is.EqualTo("allServices"));
        Assert.That(sent["bindings"]![0]!["condition"]!["title"]!.GetValue<string>(), Is.EqualTo("expires"));
        Assert.That(sent["bindings"]![1]!["members"]![0]!.GetValue<string>(), Is.EqualTo("serviceAccount:ci@p.iam.gserviceaccount.com"));
    }

    [TestCase(null, "https://artifactregistry.googleapis.com/v1/")]
    [TestCase("http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1/")]
    [TestCase("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/")]
    [TestCase("http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/v1/")]
    public void The_endpoint_honours_gcloud_s_override(string? value, string expected)
    {
        var root = ArtifactRegistryEndpoint.FromEnvironment(name => name == "CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY" ? value : null);

        Assert.That(root.ToString(), Is.EqualTo(expected));
    }
}
