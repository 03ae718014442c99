using System.Collections.Immutable;
using ArtifactRegistry.Access;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Tests.Processes;
using ArtifactRegistry.Tests.TestServers;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Tests.DockerAuth;

/// <summary>The operation's flow with stand-ins for docker and gcloud; the real programs are exercised by the integration tests.</summary>
[Platform(Exclude = "Win", Reason = "Unix file modes and a POSIX PATH")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class EnsureDockerAuthTests
{
    private const string Repo = "projects/sample-project/locations/asia/repositories/apps";
    private const string Image = "asia-docker.pkg.dev/sample-project/apps/sample-api:latest";
    private const string Deployer = "deployer@sample-project.iam.gserviceaccount.com";
    private const string SeedConfig = """{"credHelpers": {"asia.gcr.io": "gcloud", "eu.gcr.io": "gcloud", "gcr.io": "gcloud", "us.gcr.io": "gcloud"}}""";

    private string _home = null!;
    private string _dockerConfig = null!;
    private FakeDockerPrograms _programs = null!;
    private FakeArtifactRegistryRest _registry = null!;
    private FakeGoogleOAuth _oauth = null!;
    private string _binDirectory = null!;
    private CapturingLogger _log = null!;

    [SetUp]
    public async Task Start()
    {
        _home = Directory.CreateTempSubdirectory("ensure-auth-home-").FullName;
        _dockerConfig = Path.Combine(_home, "docker");
        Directory.CreateDirectory(_dockerConfig);
        // A docker-credential-gcloud on PATH: the mode checks for the file; the fake runner answers for it.
        _binDirectory = Path.Combine(_home, "bin");
        Directory.CreateDirectory(_binDirectory);
        File.WriteAllText(Path.Combine(_binDirectory, "docker-credential-gcloud"), "#!/bin/sh\nexit 1\n");
        File.SetUnixFileMode(Path.Combine(_binDirectory, "docker-credential-gcloud"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        _programs = new FakeDockerPrograms();
        _registry = await FakeArtifactRegistryRest.StartAsync();
        _registry.RepositoryFormats[Repo] = "DOCKER";
        _registry.HeldPermissions[Repo] = ["artifactregistry.repositories.get", "artifactregistry.repositories.uploadArtifacts", "artifactregistry.tags.update"];
        _oauth = await FakeGoogleOAuth.StartAsync();
        _log = new CapturingLogger();
    }

    [TearDown]
    public async Task Stop()
    {
        await _registry.DisposeAsync();
        await _oauth.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    private static EnsureDockerAuthSettings Settings => new EnsureDockerAuthSettings().SetImages(Image);

    private OperationContext Context(params (string Name, string? Value)[] environment) => OperationContext.Default
        .SetHomeDirectory(_home)
        .SetDockerConfigDirectory(_dockerConfig)
        .SetArtifactRegistryEndpoint(_registry.Server.BaseAddress)
        .SetTokenInfoEndpoint(_oauth.Server.Url("tokeninfo"))
        .SetProcessRunner(_programs)
        .SetLogger(_log)
        .SetEnvironmentVariable("PATH", _binDirectory)
        .SetEnvironmentVariable("GOOGLE_APPLICATION_CREDENTIALS", null)
        .SetEnvironmentVariable("CLOUDSDK_CONFIG", Path.Combine(_home, "gcloud"))
        .SetEnvironmentVariables(environment.Where(e => e.Value is not null).Select(e => new KeyValuePair<string, string>(e.Name, e.Value!)));

    [Test]
    public async Task The_seed_config_gets_the_regional_host_and_the_preflight_uses_the_helper_s_token()
    {
        File.WriteAllText(Path.Combine(_dockerConfig, "config.json"), SeedConfig);

        var result = await EnsureDockerAuth.RunAsync(Context(("CLOUDSDK_CORE_ACCOUNT", Deployer)), Settings);

        Assert.That(result.Mode, Is.EqualTo(DockerAuthMode.CredentialHelper));
        Assert.That(result.ConfigChange!.AddedHosts, Is.EqualTo(new[] { "asia-docker.pkg.dev" }));
        Assert.That(DockerConfigFile.InDirectory(_dockerConfig).Read().CredentialHelpers.Keys,
            Is.EquivalentTo(new[] { "asia.gcr.io", "eu.gcr.io", "gcr.io", "us.gcr.io", "asia-docker.pkg.dev" }));
        Assert.That(_programs.Count("docker-credential-gcloud"), Is.EqualTo(1), "one helper call proves the credentials");
        Assert.That(_programs.Commands.Single().StandardInput, Is.EqualTo("asia-docker.pkg.dev"));
        Assert.That(_registry.Server.Requests.Select(r => r.Authorization).Distinct(), Is.EqualTo(new[] { "Bearer ya29.from-gcloud-helper" }));
        Assert.That(result.Principal.IamMember, Is.EqualTo($"serviceAccount:{Deployer}"));
        Assert.That(result.Repositories.Single().Repository.ToString(), Is.EqualTo(Repo));
    }

    [Test]
    public async Task A_second_run_writes_nothing_and_its_configuration_step_starts_no_process()
    {
        var context = Context(("CLOUDSDK_CORE_ACCOUNT", Deployer));
        var settings = Settings.DisableAccessPreflight();
        await EnsureDockerAuth.RunAsync(context, settings);
        var path = Path.Combine(_dockerConfig, "config.json");
        File.SetLastWriteTimeUtc(path, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var second = await EnsureDockerAuth.RunAsync(context, settings);

        Assert.That(second.ConfigChange!.Written, Is.False);
        Assert.That(second.ChildProcesses, Is.Zero);
        Assert.That(_programs.Commands, Is.Empty);
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(second.ToString(), Does.Contain("already configured, not written").And.Contain("0 child processes"));
    }

    [Test]
    public async Task A_gcloud_without_account_is_reported_with_the_three_remedies()
    {
        _programs.HelperToken = null;

        var error = (await Assert.ThrowsAsync<DockerCredentialHelperException>(() =>
            EnsureDockerAuth.RunAsync(Context(), Settings.SetMode(DockerAuthMode.CredentialHelper))))!;

        Assert.That(error.Problem, Is.EqualTo(DockerCredentialHelperProblem.NoCredentials));
        Assert.That(error.Message, Does.Contain("You do not currently have an active account selected")
            .And.Contain("gcloud auth login").And.Contain("gcloud auth activate-service-account").And.Contain("AccessToken mode"));
    }

    [Test]
    public async Task Without_the_preflight_a_gcloud_without_account_is_warned_about_since_nothing_else_would_tell()
    {
        var result = await EnsureDockerAuth.RunAsync(
            Context().SetEnvironmentVariable("CLOUDSDK_AUTH_ACCESS_TOKEN", null).SetEnvironmentVariable("CLOUDSDK_CORE_ACCOUNT", null),
            Settings.SetMode(DockerAuthMode.CredentialHelper).DisableAccessPreflight());

        Assert.That(result.ChildProcesses, Is.Zero);
        Assert.That(_log.Entries, Has.Some.Matches<(LogLevel Level, string Text)>(entry =>
            entry.Level == LogLevel.Warning && entry.Text.Contains("gcloud seems to have no account") && entry.Text.Contains("gcloud auth login")));
    }

    [Test]
    public async Task A_missing_docker_credential_gcloud_is_reported_before_anything_is_written()
    {
        var error = (await Assert.ThrowsAsync<DockerCredentialHelperException>(() =>
            EnsureDockerAuth.RunAsync(Context(("CLOUDSDK_CORE_ACCOUNT", Deployer)).SetEnvironmentVariable("PATH", "/nonexistent"), Settings)))!;

        Assert.That(error.Problem, Is.EqualTo(DockerCredentialHelperProblem.NotInstalled));
        Assert.That(error.Message, Does.Contain("/nonexistent").And.Contain("AccessToken mode"));
        Assert.That(File.Exists(Path.Combine(_dockerConfig, "config.json")), Is.False);
    }

    [Test]
    public async Task Auto_without_any_credentials_lists_everything_tried_and_both_fixes()
    {
        var error = (await Assert.ThrowsAsync<DockerAuthUnavailableException>(() =>
            EnsureDockerAuth.RunAsync(Context(("GCE_METADATA_HOST", "127.0.0.1:9")), Settings)))!;

        Assert.That(error.Message, Does.Contain("gcloud: no account in").And.Contain("GOOGLE_APPLICATION_CREDENTIALS: not set")
            .And.Contain("metadata server").And.Contain("gcloud auth login").And.Contain("Workload Identity Federation"));
        Assert.That(_programs.Commands, Is.Empty);
    }

    [Test]
    public async Task Access_token_mode_logs_in_with_the_token_on_stdin_into_a_build_scoped_config()
    {
        File.WriteAllText(Path.Combine(_dockerConfig, "config.json"),
            """{"credsStore": "desktop", "credHelpers": {"asia-docker.pkg.dev": "gcloud", "quay.io": "quay"}, "x-unknown": 1}""");
        var key = _oauth.WriteServiceAccountKey(_home, Deployer);

        var result = await EnsureDockerAuth.RunAsync(Context(("GOOGLE_APPLICATION_CREDENTIALS", key)), Settings);

        var login = _programs.Commands.Single();
        var token = _oauth.IssuedTokenValues.Single();
        Assert.That(result.Mode, Is.EqualTo(DockerAuthMode.AccessToken));
        Assert.That(login.Arguments, Is.EqualTo(new[] { "login", "--username", "oauth2accesstoken", "--password-stdin", "https://asia-docker.pkg.dev" }));
        Assert.That(login.StandardInput, Is.EqualTo(token));
        Assert.That(login.Environment["DOCKER_CONFIG"], Is.EqualTo(result.DockerConfigDirectory).And.Not.EqualTo(_dockerConfig));
        Assert.That(login.Shown, Does.Not.Contain(token));
        var scoped = DockerConfigFile.InDirectory(result.DockerConfigDirectory).Read();
        Assert.That(scoped.CredentialsStore, Is.Null, "the token must not go to the user's keychain");
        Assert.That(scoped.CredentialHelpers.Keys, Is.EqualTo(new[] { "quay.io" }), "a helper for the host would win over the login");
        Assert.That(File.ReadAllText(Path.Combine(_dockerConfig, "config.json")), Does.Not.Contain("auths"), "the user's config is untouched");
        Assert.That(File.GetUnixFileMode(Path.Combine(result.DockerConfigDirectory, "config.json")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(result.Principal.Email, Is.EqualTo(Deployer));
        Assert.That(_log.AllText, Does.Not.Contain(token), "neither in a line nor in its arguments");

        await result.Session.DisposeAsync();
        Assert.That(Directory.Exists(result.DockerConfigDirectory), Is.False, "the build-scoped config and its token are gone");
    }

    [Test]
    public async Task The_login_is_renewed_before_a_push_once_a_fifth_of_the_token_s_life_is_left()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var key = _oauth.WriteServiceAccountKey(_home, Deployer);
        var tokens = GoogleCredentialFile.Load(key).CreateTokenSource(clock);
        var result = await EnsureDockerAuth.RunAsync(Context().SetAccessTokenSource(tokens).SetTime(clock), Settings.SetMode(DockerAuthMode.AccessToken).DisableAccessPreflight());
        await using var session = result.Session;

        clock.Advance(TimeSpan.FromMinutes(40));
        await session.EnsureFreshAsync();
        var loginsAt40 = _programs.Count("docker");
        clock.Advance(TimeSpan.FromMinutes(9));
        await session.EnsureFreshAsync();

        Assert.That(loginsAt40, Is.EqualTo(1));
        Assert.That(_programs.Count("docker"), Is.EqualTo(2));
        Assert.That(_programs.Commands.Last().StandardInput, Is.Not.EqualTo(_programs.Commands.First().StandardInput), "a fresh token");
        Assert.That(_oauth.IssuedTokenValues, Does.Contain(_programs.Commands.Last().StandardInput));
        Assert.That(session.Renewals, Is.EqualTo(1));
    }

    [Test]
    public async Task A_viewer_is_stopped_by_the_preflight_with_its_name_from_tokeninfo()
    {
        _registry.HeldPermissions[Repo] = ["artifactregistry.repositories.get"];
        var key = _oauth.WriteServiceAccountKey(_home, "viewer@sample-project.iam.gserviceaccount.com");
        // A bare token through gcloud: the principal is only known by asking tokeninfo.
        var token = await GoogleCredentialFile.Load(key).CreateTokenSource().GetAccessTokenAsync();
        _programs.HelperToken = token.Value;

        var error = (await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() =>
            EnsureDockerAuth.RunAsync(Context(("CLOUDSDK_AUTH_ACCESS_TOKEN", token.Value)), Settings)))!;

        Assert.That(error.Message, Does.Contain("serviceAccount:viewer@sample-project.iam.gserviceaccount.com --role=roles/artifactregistry.writer")
            .And.Contain("artifactregistry.repositories.uploadArtifacts").And.Not.Contain(token.Value));
        Assert.That(_log.AllText + string.Join("\n", _programs.Commands.Select(c => c.Shown)), Does.Not.Contain(token.Value));
    }

    [Test]
    public async Task A_person_s_gcloud_account_is_granted_as_a_user()
    {
        _registry.HeldPermissions[Repo] = ["artifactregistry.repositories.get"];

        var error = (await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() =>
            EnsureDockerAuth.RunAsync(Context(("CLOUDSDK_CORE_ACCOUNT", "alice@example.com")), Settings)))!;

        Assert.That(error.GrantCommand, Does.EndWith("--member=user:alice@example.com --role=roles/artifactregistry.writer"));
    }

    [Test]
    public async Task A_preflight_failure_in_access_token_mode_leaves_no_login_behind()
    {
        _registry.HeldPermissions[Repo] = ["artifactregistry.repositories.get"];
        var key = _oauth.WriteServiceAccountKey(_home, "viewer@sample-project.iam.gserviceaccount.com");

        await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() => EnsureDockerAuth.RunAsync(Context(("GOOGLE_APPLICATION_CREDENTIALS", key)), Settings));

        var loggedInto = _programs.Commands.Single(command => command.Program == "docker").Environment["DOCKER_CONFIG"];
        Assert.That(Directory.Exists(loggedInto), Is.False, "the build-scoped config holding the token is deleted with the failed run");
    }

    [Test]
    public async Task A_credsStore_config_is_kept_and_the_log_says_credHelpers_wins()
    {
        File.WriteAllText(Path.Combine(_dockerConfig, "config.json"), """{"auths": {"https://index.docker.io/v1/": {}}, "credsStore": "desktop"}""");

        await EnsureDockerAuth.RunAsync(Context(("CLOUDSDK_CORE_ACCOUNT", Deployer)), Settings.DisableAccessPreflight());

        Assert.That(DockerConfigFile.InDirectory(_dockerConfig).Read().CredentialsStore, Is.EqualTo("desktop"));
        Assert.That(_log.Entries.Select(entry => entry.Text), Has.Some.Contains("credsStore 'desktop' (Docker Desktop) stays for other registries; credHelpers wins for asia-docker.pkg.dev"));
    }

    [Test]
    public async Task A_mapped_host_is_configured_where_docker_really_talks()
    {
        var result = await EnsureDockerAuth.RunAsync(
            Context(("CLOUDSDK_CORE_ACCOUNT", Deployer)).SetHostMap(RegistryHostMap.Parse("asia-docker.pkg.dev=127.0.0.1:5001")),
            Settings.DisableAccessPreflight());

        Assert.That(result.Hosts, Is.EqualTo(new[] { "asia-docker.pkg.dev" }));
        Assert.That(DockerConfigFile.InDirectory(_dockerConfig).Read().CredentialHelpers.Keys, Is.EqualTo(new[] { "127.0.0.1:5001" }));
    }
}
