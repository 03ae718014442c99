using System.Net;
using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.FileSystem;
using Google.Apis.Auth.OAuth2;

namespace ArtifactRegistry.Sandbox.Tests.OAuth;

public class TokenExpiryTests
{
    [Test]
    public async Task An_expired_token_is_refused_by_rest_and_reported_expired_by_tokeninfo()
    {
        var clock = new ManualClock();
        await using var sandbox = await TestSandbox.StartAsync(new SandboxOptions().WithTimeProvider(clock));
        var token = sandbox.Server.IssueAccessToken(SandboxPrincipals.Deployer);
        var before = await Get(sandbox, token);

        clock.Advance(TimeSpan.FromMinutes(61));
        var after = await Get(sandbox, token);
        var info = await RestAnswer.ReadAsync(await sandbox.Http.GetAsync(sandbox.Api("tokeninfo?access_token=" + token)));

        Assert.Multiple(() =>
        {
            Assert.That(before.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(after.GoogleError.Status, Is.EqualTo("UNAUTHENTICATED"));
            Assert.That(info.Json["error_description"]!.GetValue<string>(), Is.EqualTo("Token expired"));
        });
    }

    [Test]
    public async Task Google_apis_auth_refreshes_an_expired_token_at_the_token_endpoint_and_only_the_new_one_works()
    {
        // The sandbox's clock starts at the real time, so the JWTs Google.Apis signs with its own clock stay valid; it is
        // moved by hand past the first token's expiry. Google.Apis refreshes a token this short-lived on every request.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var sandbox = await TestSandbox.StartAsync(new SandboxOptions().WithAccessTokenLifetime(TimeSpan.FromSeconds(2)).WithTimeProvider(clock));
        using var keys = TempDirectory.Create("ar-sandbox-tests-");
        var credential = (await CredentialFactory.FromFileAsync<ServiceAccountCredential>(sandbox.Server.WriteServiceAccountKey(SandboxPrincipals.Deployer, keys.Path), CancellationToken.None))
            .ToGoogleCredential().CreateScoped("https://www.googleapis.com/auth/cloud-platform");

        var first = await credential.UnderlyingCredential.GetAccessTokenForRequestAsync();
        var info = await RestAnswer.ReadAsync(await sandbox.Http.GetAsync(sandbox.Api("tokeninfo?access_token=" + first)));
        clock.Advance(TimeSpan.FromSeconds(3));
        var second = await credential.UnderlyingCredential.GetAccessTokenForRequestAsync();

        var withFirst = await Get(sandbox, first);
        var withSecond = await Get(sandbox, second);
        Assert.Multiple(() =>
        {
            Assert.That(info.Json["expires_in"]!.GetValue<string>(), Is.EqualTo("2"), "the configured lifetime is what clients are told");
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(sandbox.Server.Counters[SandboxRoutes.OAuthToken], Is.EqualTo(2));
            Assert.That(withFirst.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(withSecond.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    private static async Task<RestAnswer> Get(TestSandbox sandbox, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, sandbox.Api("v1/" + TestSandbox.RepositoryResource));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await RestAnswer.ReadAsync(await sandbox.Http.SendAsync(request));
    }
}
