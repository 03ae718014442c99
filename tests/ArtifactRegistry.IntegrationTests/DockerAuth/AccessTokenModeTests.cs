using ArtifactRegistry.Auth;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Context;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.DockerAuth;

/// <summary>
/// No gcloud: tokens from a service-account key or a Workload Identity Federation file whose endpoints are the sandbox's,
/// a real <c>docker login</c> into a build-scoped config, then a real push; and the token nowhere it could leak.
/// </summary>
[CancelAfter(300_000)]
public class AccessTokenModeTests
{
    private AuthWorld _world = null!;
    private string _credentials = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await AuthWorld.StartAsync();
        _credentials = Directory.CreateTempSubdirectory("ar-auth-keys-").FullName;
    }

    [TearDown]
    public async Task Stop()
    {
        await _world.DisposeAsync();
        Directory.Delete(_credentials, recursive: true);
    }

    [Test]
    public async Task A_service_account_key_whose_token_uri_is_the_sandbox_logs_docker_in_and_the_push_succeeds()
    {
        var key = _world.Sandbox.WriteServiceAccountKey(SandboxPrincipals.Deployer, _credentials);
        var userDocker = _world.Docker();
        File.WriteAllText(userDocker.ConfigFilePath, """{"auths": {}, "credsStore": "desktop", "credHelpers": {"gcr.io": "gcloud"}}""");
        var image = AuthWorld.Canonical("from-key");

        var result = await EnsureDockerAuth.RunAsync(
            _world.Context(userDocker, null).SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", key), AuthWorld.Settings(image));
        await using var session = result.Session;
        await _world.BuildAsync(image);
        var push = await _world.PushAsync(_world.DockerWithConfig(session.DockerConfigDirectory), image);

        Assert.That(result.Mode, Is.EqualTo(DockerAuthMode.AccessToken), "gcloud has no account here, ADC has a key");
        Assert.That(result.Principal.Email, Is.EqualTo(SandboxPrincipals.Deployer));
        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
        Assert.That(File.ReadAllText(userDocker.ConfigFilePath), Is.EqualTo("""{"auths": {}, "credsStore": "desktop", "credHelpers": {"gcr.io": "gcloud"}}"""),
            "the user's docker config is not touched in AccessToken mode");
        Assert.That(File.GetUnixFileMode(Path.Combine(session.DockerConfigDirectory, "config.json")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));

        var token = await session.Tokens.GetAccessTokenAsync();
        Assert.That(_world.Runner.Visible, Does.Not.Contain(token.Value), "argv, shown command lines and docker's stderr");
        Assert.That(_world.Log.Text, Does.Not.Contain(token.Value));
        Assert.That(result.ToString(), Does.Not.Contain(token.Value));
    }

    [Test]
    public async Task A_federation_file_served_by_the_sandbox_logs_docker_in_and_the_push_succeeds()
    {
        var federation = _world.Sandbox.WriteExternalAccountFile(SandboxPrincipals.Deployer, _credentials);
        var image = AuthWorld.Canonical("from-federation");
        var tokens = GoogleCredentialFile.Load(federation, [GoogleCredentialType.ExternalAccount]).CreateTokenSource();

        var result = await EnsureDockerAuth.RunAsync(
            _world.Context(_world.Docker(), null).SetAccessTokenSource(tokens),
            AuthWorld.Settings(image).SetMode(DockerAuthMode.AccessToken));
        await using var session = result.Session;
        await _world.BuildAsync(image);
        var push = await _world.PushAsync(_world.DockerWithConfig(session.DockerConfigDirectory), image);

        Assert.That(result.Principal.IamMember, Is.EqualTo($"serviceAccount:{SandboxPrincipals.Deployer}"), "the impersonated account");
        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
        Assert.That(_world.Log.Text, Does.Not.Contain((await tokens.GetAccessTokenAsync()).Value));
    }

    [Test]
    public async Task A_push_after_the_first_token_expired_works_because_the_login_was_renewed_first()
    {
        await _world.DisposeAsync();
        _world = await AuthWorld.StartAsync(new SandboxOptions().WithAccessTokenLifetime(TimeSpan.FromSeconds(6)));
        var key = _world.Sandbox.WriteServiceAccountKey(SandboxPrincipals.Deployer, _credentials);
        var image = AuthWorld.Canonical("long-build");
        var result = await EnsureDockerAuth.RunAsync(
            _world.Context(_world.Docker(), null).SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", key),
            AuthWorld.Settings(image).DisableAccessPreflight());
        await using var session = result.Session;
        var first = session.LoggedInToken!;
        await _world.BuildAsync(image);

        // The "long build": the first token is dead. On a loaded machine the build alone may have outlasted it.
        var untilExpired = first.ExpiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (untilExpired > TimeSpan.Zero)
            await Task.Delay(untilExpired);
        var stale = await _world.PushAsync(_world.DockerWithConfig(session.DockerConfigDirectory), image);
        await session.EnsureFreshAsync();
        var push = await _world.PushAsync(_world.DockerWithConfig(session.DockerConfigDirectory), image);

        Assert.That(first.Lifetime, Is.EqualTo(TimeSpan.FromSeconds(6)));
        Assert.That(stale.ExitCode, Is.EqualTo(1), "without the renewal the expired token is refused");
        Assert.That(session.Renewals, Is.EqualTo(1));
        Assert.That(session.LoggedInToken!.Value, Is.Not.EqualTo(first.Value));
        Assert.That(push.ExitCode, Is.Zero, push.StandardError);
    }

    [Test]
    public async Task A_refused_token_is_explained_without_showing_it()
    {
        var image = AuthWorld.Canonical("refused");
        var bogus = new AccessToken("ya29.not-a-token-the-sandbox-issued", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));
        var tokens = new RefreshingAccessTokenSource("a revoked token", GooglePrincipal.Unknown("the revoked token's owner"), _ => Task.FromResult(bogus));

        var error = await CatchAsync(() => EnsureDockerAuth.RunAsync(
            _world.Context(_world.Docker(), null).SetAccessTokenSource(tokens), AuthWorld.Settings(image).SetMode(DockerAuthMode.AccessToken)));

        Assert.That(error, Is.InstanceOf<DockerLoginException>());
        Assert.That(((DockerLoginException)error!).Refused, Is.True);
        Assert.That(error.Message, Does.Contain("refused the access token").And.Contain("expired or was revoked"));
        Assert.That(error!.ToString(), Does.Not.Contain(bogus.Value));
        Assert.That(_world.Log.Text + _world.Runner.Visible, Does.Not.Contain(bogus.Value));
        var login = _world.Runner.Runs.Select(run => run.Command).Single(command => command.Program == "docker" && command.Arguments[0].Value == "login");
        Assert.That(Directory.Exists(login.Environment.Last(variable => variable.Name == "DOCKER_CONFIG").Value), Is.False,
            "the failed build-scoped login left nothing behind");
    }

    private static async Task<Exception?> CatchAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
