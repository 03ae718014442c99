using System.Net;
using System.Net.Http.Headers;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Registry;

public class RegistryAuthenticationTests
{
    private TestSandbox _sandbox = null!;

    [OneTimeSetUp]
    public async Task Start() => _sandbox = await TestSandbox.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [Test]
    public async Task The_ping_answers_401_with_a_bearer_challenge_naming_the_token_endpoint_and_the_canonical_service()
    {
        var answer = await _sandbox.RegistryAsync(HttpMethod.Get, "v2/", principal: null);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(answer.Header("WWW-Authenticate"),
                Is.EqualTo($"Bearer realm=\"http://{_sandbox.Server.RegistryHost("asia")}/v2/token\",service=\"asia-docker.pkg.dev\""));
            Assert.That(answer.Header("Docker-Distribution-API-Version"), Is.EqualTo("registry/2.0"));
            Assert.That(answer.RegistryError.Code, Is.EqualTo("UNAUTHORIZED"));
        });
    }

    [Test]
    public async Task A_repository_request_without_credentials_is_challenged_with_its_scope()
    {
        var answer = await _sandbox.RegistryAsync(HttpMethod.Post, "v2/sample-project/sample/app/blobs/uploads/", principal: null);

        Assert.That(answer.Header("WWW-Authenticate"), Does.EndWith(",scope=\"repository:sample-project/sample/app:pull,push\""));
    }

    [TestCase("oauth2accesstoken")]
    [TestCase("_dcgcloud_token")]
    [TestCase("_token")]
    public async Task The_token_endpoint_accepts_an_access_token_as_password_for(string username)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry("v2/token?scope=repository:sample-project/sample/app:pull"));
        request.Headers.Authorization = TestSandbox.Basic(username, _sandbox.Token(SandboxPrincipals.Deployer));
        var answer = await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        var token = answer.Json["token"]!.GetValue<string>();
        using var ping = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry("v2/"));
        ping.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var pinged = await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(ping));
        Assert.Multiple(() =>
        {
            Assert.That(answer.Json["access_token"]!.GetValue<string>(), Is.EqualTo(token));
            Assert.That(answer.Json["expires_in"]!.GetValue<long>(), Is.InRange(3500, 3600));
            Assert.That(pinged.Status, Is.EqualTo(HttpStatusCode.OK), pinged.ToString());
        });
    }

    [Test]
    public async Task The_token_endpoint_accepts_a_service_account_key_file_as_json_key_password()
    {
        using var directory = new TemporaryFolder();
        var key = await File.ReadAllTextAsync(_sandbox.Server.WriteServiceAccountKey(SandboxPrincipals.Deployer, directory.Path));
        using var plain = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry("v2/token"));
        plain.Headers.Authorization = TestSandbox.Basic("_json_key", key);
        using var encoded = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry("v2/token"));
        encoded.Headers.Authorization = TestSandbox.Basic("_json_key_base64", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key)));

        var answers = new[] { await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(plain)), await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(encoded)) };

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.OK), string.Join(" | ", answers.Select(a => a.ToString())));
    }

    [Test]
    public async Task A_key_file_of_another_key_for_the_same_account_is_refused()
    {
        using var directory = new TemporaryFolder();
        var key = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(_sandbox.Server.WriteServiceAccountKey(SandboxPrincipals.Deployer, directory.Path)))!;
        using var other = System.Security.Cryptography.RSA.Create(2048);
        key["private_key"] = other.ExportPkcs8PrivateKeyPem();
        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry("v2/token"));
        request.Headers.Authorization = TestSandbox.Basic("_json_key", key.ToJsonString());

        var answer = await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Unauthorized), answer.ToString());
    }

    [Test]
    public async Task A_wrong_access_token_is_refused_with_401_and_a_reason()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry("v2/token"));
        request.Headers.Authorization = TestSandbox.Basic("oauth2accesstoken", "ya29.not-a-token");

        var answer = await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(answer.RegistryError, Is.EqualTo(("UNAUTHORIZED", "Invalid credentials: the access token is not valid")));
        });
    }

    [Test]
    public async Task An_unknown_username_is_refused_and_the_answer_names_the_usernames_that_work()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry("v2/token"));
        request.Headers.Authorization = TestSandbox.Basic("deployer", _sandbox.Token(SandboxPrincipals.Deployer));

        var answer = await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));

        Assert.That(answer.RegistryError.Message, Does.Contain("oauth2accesstoken").And.Contain("_json_key"));
    }

    [Test]
    public async Task An_anonymous_token_request_for_a_private_repository_is_denied_with_googles_unauthenticated_text()
    {
        var pull = await RestAnswer.ReadAsync(await _sandbox.Http.GetAsync(_sandbox.Registry("v2/token?scope=repository:sample-project/sample/app:pull")));
        var push = await RestAnswer.ReadAsync(await _sandbox.Http.GetAsync(_sandbox.Registry("v2/token?scope=repository:sample-project/sample/app:push,pull")));

        Assert.Multiple(() =>
        {
            Assert.That(pull.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(pull.RegistryError, Is.EqualTo(("DENIED",
                "Unauthenticated request. Unauthenticated requests do not have permission \"artifactregistry.repositories.downloadArtifacts\" on resource \"projects/sample-project/locations/asia/repositories/sample\" (or it may not exist)")));
            Assert.That(push.RegistryError.Message, Does.Contain("\"artifactregistry.repositories.uploadArtifacts\""));
        });
    }

    [Test]
    public async Task Anonymous_pulls_work_where_allUsers_may_read()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var image = await sandbox.PushAsync("public image");
        sandbox.Server.Grant(TestSandbox.RepositoryResource, "roles/artifactregistry.reader", "allUsers");

        var token = await RestAnswer.ReadAsync(await sandbox.Http.GetAsync(sandbox.Registry("v2/token?scope=repository:sample-project/sample/sample-api:pull")));
        using var get = new HttpRequestMessage(HttpMethod.Get, sandbox.Registry("v2/sample-project/sample/sample-api/manifests/latest"));
        get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Json["token"]!.GetValue<string>());
        var manifest = await RestAnswer.ReadAsync(await sandbox.Http.SendAsync(get));

        Assert.That(manifest.Header("Docker-Content-Digest"), Is.EqualTo(image.Digest), manifest.ToString());
    }

    [Test]
    public async Task A_registry_token_outlives_neither_an_hour_nor_the_access_token_it_came_from()
    {
        var shortLived = _sandbox.Server.IssueAccessToken(SandboxPrincipals.Deployer, TimeSpan.FromMinutes(5));
        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry("v2/token"));
        request.Headers.Authorization = TestSandbox.Basic("oauth2accesstoken", shortLived);

        var answer = await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));

        Assert.That(answer.Json["expires_in"]!.GetValue<long>(), Is.InRange(290, 300));
    }
}
