using System.Net;
using ArtifactRegistry.Sandbox.Tests.Support;
using Google.Apis.Auth.OAuth2;

namespace ArtifactRegistry.Sandbox.Tests.Operations;

public class StateDirectoryTests
{
    [Test]
    public async Task Images_policies_keys_and_tokens_survive_a_restart_with_a_state_directory()
    {
        using var state = new TemporaryFolder();
        using var keys = new TemporaryFolder();
        var options = new SandboxOptions().WithStateDirectory(state.Path);
        string token, keyFile, digest;
        Uri endpoint;
        await using (var first = await TestSandbox.StartAsync(options))
        {
            digest = (await first.PushAsync("persisted")).Digest;
            first.Server.Grant(TestSandbox.RepositoryResource, "roles/artifactregistry.reader", "serviceAccount:" + SandboxPrincipals.GkeNodes);
            token = first.Server.IssueAccessToken(SandboxPrincipals.Admin);
            keyFile = first.Server.WriteServiceAccountKey(SandboxPrincipals.Deployer, keys.Path);
            endpoint = first.Server.ApiEndpoint;
        }

        await using var second = await TestSandbox.StartAsync(options);
        using var request = new HttpRequestMessage(HttpMethod.Get, second.Api($"v1/{TestSandbox.RepositoryResource}/dockerImages"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var images = await RestAnswer.ReadAsync(await second.Http.SendAsync(request));
        var pulled = await second.RegistryAsync(HttpMethod.Get, "v2/sample-project/sample/sample-api/manifests/latest", SandboxPrincipals.GkeNodes);
        var credential = (await CredentialFactory.FromFileAsync<ServiceAccountCredential>(keyFile, CancellationToken.None)).ToGoogleCredential().CreateScoped("https://www.googleapis.com/auth/cloud-platform");
        var exchanged = await credential.UnderlyingCredential.GetAccessTokenForRequestAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second.Server.ApiEndpoint, Is.EqualTo(endpoint), "the ports are kept when they are free, so written key files stay valid");
            Assert.That(images.Json["dockerImages"]![0]!["uri"]!.GetValue<string>(), Does.EndWith(digest));
            Assert.That(pulled.Status, Is.EqualTo(HttpStatusCode.OK), "the reader grant survived");
            Assert.That(exchanged, Does.StartWith("ya29."));
            Assert.That(File.GetUnixFileMode(Path.Combine(state.Path, "state.json")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        });
    }

    [Test]
    public async Task Without_a_state_directory_a_restart_begins_from_the_seed()
    {
        await using (var first = await TestSandbox.StartAsync())
            await first.PushAsync("forgotten");

        await using var second = await TestSandbox.StartAsync();
        var images = await second.GetAsync($"v1/{TestSandbox.RepositoryResource}/dockerImages", SandboxPrincipals.Deployer);

        Assert.That(images.Json["dockerImages"]!.AsArray(), Is.Empty);
    }
}
