using System.Net;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Tests.Support;
using Google.Apis.Auth.OAuth2;

namespace ArtifactRegistry.Sandbox.Tests.OAuth;

/// <summary>The token endpoint proven with Google's own client library: real RS256 JWTs signed from the key files the sandbox writes.</summary>
public class TokenEndpointTests
{
    private const string CloudPlatform = "https://www.googleapis.com/auth/cloud-platform";
    private TestSandbox _sandbox = null!;
    private TemporaryFolder _keys = null!;

    [SetUp]
    public async Task Start()
    {
        _sandbox = await TestSandbox.StartAsync();
        _keys = new TemporaryFolder();
    }

    [TearDown]
    public async Task Stop()
    {
        _keys.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Test]
    public async Task A_key_file_written_by_the_sandbox_is_exchanged_by_google_apis_auth_for_a_token_that_works()
    {
        var path = _sandbox.Server.WriteServiceAccountKey(SandboxPrincipals.Deployer, _keys.Path);
        var credential = (await CredentialFactory.FromFileAsync<ServiceAccountCredential>(path, CancellationToken.None)).ToGoogleCredential().CreateScoped(CloudPlatform);

        var token = await credential.UnderlyingCredential.GetAccessTokenForRequestAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Api("v1/" + TestSandbox.RepositoryResource));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var answer = await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(_sandbox.Server.Counters[SandboxRoutes.OAuthToken], Is.EqualTo(1));
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        });
    }

    [Test]
    public async Task The_key_file_is_a_google_service_account_key_readable_only_by_its_owner()
    {
        var path = _sandbox.Server.WriteServiceAccountKey(SandboxPrincipals.Deployer, _keys.Path);
        var key = JsonNode.Parse(await File.ReadAllTextAsync(path))!;

        Assert.Multiple(() =>
        {
            Assert.That(key["type"]!.GetValue<string>(), Is.EqualTo("service_account"));
            Assert.That(key["client_email"]!.GetValue<string>(), Is.EqualTo(SandboxPrincipals.Deployer));
            Assert.That(key["project_id"]!.GetValue<string>(), Is.EqualTo("sample-project"));
            Assert.That(key["token_uri"]!.GetValue<string>(), Is.EqualTo(_sandbox.Server.TokenUri.ToString()));
            Assert.That(key["private_key"]!.GetValue<string>(), Does.StartWith("-----BEGIN PRIVATE KEY-----"));
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        });
    }

    [Test]
    public async Task An_assertion_signed_by_another_key_is_refused_as_an_invalid_signature()
    {
        var path = _sandbox.Server.WriteServiceAccountKey(SandboxPrincipals.Deployer, _keys.Path);
        var key = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        using var other = System.Security.Cryptography.RSA.Create(2048);
        key["private_key"] = other.ExportPkcs8PrivateKeyPem();
        var credential = CredentialFactory.FromJson<ServiceAccountCredential>(key.ToJsonString()).ToGoogleCredential().CreateScoped(CloudPlatform);

        var error = await Assert.ThrowsAsync<Google.Apis.Auth.OAuth2.Responses.TokenResponseException>(() => credential.UnderlyingCredential.GetAccessTokenForRequestAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Error.Error, Is.EqualTo("invalid_grant"));
            Assert.That(error.Error.ErrorDescription, Is.EqualTo("Invalid JWT Signature."));
        });
    }

    [Test]
    public async Task A_grant_type_other_than_jwt_bearer_is_refused()
    {
        var answer = await RestAnswer.ReadAsync(await _sandbox.Http.PostAsync(_sandbox.Server.TokenUri,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = "x", ["password"] = "y" })));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(answer.Json["error"]!.GetValue<string>(), Is.EqualTo("unsupported_grant_type"));
        });
    }

    [Test]
    public async Task Tokeninfo_returns_the_account_a_token_belongs_to()
    {
        var token = _sandbox.Server.IssueAccessToken(SandboxPrincipals.Admin);

        var info = await RestAnswer.ReadAsync(await _sandbox.Http.GetAsync(_sandbox.Api("tokeninfo?access_token=" + token)));
        var v3 = await RestAnswer.ReadAsync(await _sandbox.Http.PostAsync(_sandbox.Api("oauth2/v3/tokeninfo"), new FormUrlEncodedContent(new Dictionary<string, string> { ["access_token"] = token })));
        var unknown = await RestAnswer.ReadAsync(await _sandbox.Http.GetAsync(_sandbox.Api("tokeninfo?access_token=ya29.unknown")));

        Assert.Multiple(() =>
        {
            Assert.That(info.Json["email"]!.GetValue<string>(), Is.EqualTo(SandboxPrincipals.Admin));
            Assert.That(info.Json["scope"]!.GetValue<string>(), Is.EqualTo(CloudPlatform));
            Assert.That(int.Parse(info.Json["expires_in"]!.GetValue<string>()), Is.InRange(3500, 3600));
            Assert.That(v3.Json["email"]!.GetValue<string>(), Is.EqualTo(SandboxPrincipals.Admin));
            Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(unknown.Json["error_description"]!.GetValue<string>(), Is.EqualTo("Invalid Value"));
        });
    }
}
