using ArtifactRegistry.Auth;
using ArtifactRegistry.Tests.TestServers;

namespace ArtifactRegistry.Tests.Auth;

public class TokenInfoTests
{
    private const string Deployer = "deployer@sample-project.iam.gserviceaccount.com";

    [Test]
    public async Task A_bare_token_is_traced_to_its_service_account_without_the_token_in_the_url()
    {
        await using var oauth = await FakeGoogleOAuth.StartAsync();
        var directory = Directory.CreateTempSubdirectory("tokeninfo-").FullName;
        try
        {
            var token = await GoogleCredentialFile.Load(oauth.WriteServiceAccountKey(directory, Deployer)).CreateTokenSource().GetAccessTokenAsync();
            using var http = new HttpClient();

            var principal = await new TokenInfo(http, oauth.Server.Url("tokeninfo")).LookUpAsync(token);

            Assert.That(principal.IamMember, Is.EqualTo($"serviceAccount:{Deployer}"));
            Assert.That(oauth.Server.Requests.Last().PathAndQuery, Is.EqualTo("/tokeninfo"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task A_token_tokeninfo_does_not_know_leaves_the_principal_unknown_with_the_reason()
    {
        await using var oauth = await FakeGoogleOAuth.StartAsync();
        using var http = new HttpClient();
        var token = new AccessToken("ya29.expired", DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow.AddHours(-1));

        var principal = await new TokenInfo(http, oauth.Server.Url("tokeninfo")).LookUpAsync(token);

        Assert.That(principal.IsKnown, Is.False);
        Assert.That(principal.Description, Does.Contain("HTTP 400"));
    }

    [TestCase(null, "https://oauth2.googleapis.com/tokeninfo")]
    [TestCase("", "https://oauth2.googleapis.com/tokeninfo")]
    [TestCase("http://127.0.0.1:9000/tokeninfo", "http://127.0.0.1:9000/tokeninfo")]
    public void The_endpoint_is_the_variable_s_else_Google_s(string? url, string expected)
    {
        var endpoint = TokenInfo.EndpointFrom(name => name == "ARTIFACT_REGISTRY_TOKENINFO_URL" ? url : null);

        Assert.That(endpoint.ToString(), Is.EqualTo(expected));
    }
}
