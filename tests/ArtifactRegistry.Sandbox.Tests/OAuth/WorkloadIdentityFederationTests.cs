using System.Net;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Tests.Support;
using Google.Apis.Auth.OAuth2;

namespace ArtifactRegistry.Sandbox.Tests.OAuth;

/// <summary>An <c>external_account</c> file (what google-github-actions/auth writes) honoured end to end by Google.Apis.Auth.</summary>
public class WorkloadIdentityFederationTests
{
    private TestSandbox _sandbox = null!;
    private TemporaryFolder _files = null!;

    [SetUp]
    public async Task Start()
    {
        _sandbox = await TestSandbox.StartAsync();
        _files = new TemporaryFolder();
    }

    [TearDown]
    public async Task Stop()
    {
        _files.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Test]
    public async Task An_impersonating_external_account_file_yields_a_token_of_the_service_account()
    {
        var path = _sandbox.Server.WriteExternalAccountFile(SandboxPrincipals.Deployer, _files.Path);
        var file = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        var credential = (await CredentialFactory.FromFileAsync<UrlSourcedExternalAccountCredential>(path, CancellationToken.None))
            .ToGoogleCredential().CreateScoped("https://www.googleapis.com/auth/cloud-platform");

        var token = await credential.UnderlyingCredential.GetAccessTokenForRequestAsync();
        var info = await RestAnswer.ReadAsync(await _sandbox.Http.GetAsync(_sandbox.Api("tokeninfo?access_token=" + token)));

        Assert.Multiple(() =>
        {
            Assert.That(file["type"]!.GetValue<string>(), Is.EqualTo("external_account"));
            Assert.That(file["credential_source"]!["url"]!.GetValue<string>(), Does.StartWith(_sandbox.Server.ApiEndpoint.ToString()));
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(_sandbox.Server.Counters[SandboxRoutes.StsToken], Is.EqualTo(1));
            Assert.That(_sandbox.Server.Counters[SandboxRoutes.GenerateAccessToken], Is.EqualTo(1));
            Assert.That(info.Json["email"]!.GetValue<string>(), Is.EqualTo(SandboxPrincipals.Deployer));
        });
    }

    [Test]
    public async Task A_direct_federation_token_acts_as_the_federated_principal_which_holds_no_role_until_granted()
    {
        var path = _sandbox.Server.WriteExternalAccountFile(SandboxPrincipals.Deployer, _files.Path, impersonate: false);
        var credential = (await CredentialFactory.FromFileAsync<UrlSourcedExternalAccountCredential>(path, CancellationToken.None))
            .ToGoogleCredential().CreateScoped("https://www.googleapis.com/auth/cloud-platform");
        var token = await credential.UnderlyingCredential.GetAccessTokenForRequestAsync();

        var before = await Get(token);
        _sandbox.Server.Grant(TestSandbox.RepositoryResource, "roles/artifactregistry.reader",
            "principal://iam.googleapis.com/projects/000000000000/locations/global/workloadIdentityPools/sandbox-pool/subject/" + SandboxPrincipals.Deployer);
        var after = await Get(token);

        Assert.Multiple(() =>
        {
            Assert.That(_sandbox.Server.Counters[SandboxRoutes.GenerateAccessToken], Is.Zero);
            Assert.That(before.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task A_service_account_cannot_be_impersonated_by_a_caller_that_was_not_allowed_to()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _sandbox.Api($"v1/projects/-/serviceAccounts/{SandboxPrincipals.Admin}:generateAccessToken"))
        {
            Content = new StringContent("{\"scope\":[\"https://www.googleapis.com/auth/cloud-platform\"]}"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _sandbox.Token(SandboxPrincipals.Deployer));

        var answer = await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));

        Assert.That(answer.GoogleError, Is.EqualTo((403, "PERMISSION_DENIED", "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).")));
    }

    private async Task<RestAnswer> Get(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Api("v1/" + TestSandbox.RepositoryResource));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));
    }
}
