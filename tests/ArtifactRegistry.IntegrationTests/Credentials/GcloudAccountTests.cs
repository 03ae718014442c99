using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.IntegrationTests.DockerAuth;
using ArtifactRegistry.IntegrationTests.Pruning;
using ArtifactRegistry.Pruning;
using ArtifactRegistry.Sandbox;
using ArtifactRegistry.Tagging;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Gcloud;

namespace ArtifactRegistry.IntegrationTests.Credentials;

/// <summary>
/// The REST operations on a machine where only the real gcloud is signed in (a service-account key whose token_uri is the
/// sandbox's, as `gcloud auth activate-service-account` takes it): no Application Default Credentials file, no metadata server.
/// </summary>
public sealed class GcloudAccountTests
{
    private PruneWorld _world = null!;
    private TempDirectory _home = null!;
    private GcloudCli _gcloud = null!;

    [SetUp]
    public async Task Start()
    {
        _world = await PruneWorld.StartAsync();
        // gcloud gets its own HOME and CLOUDSDK_CONFIG under the test's folder: nothing of the machine's sign-in is seen.
        _home = TempDirectory.Create("ar-gcloud-account-");
        _gcloud = GcloudCli.Create().WithEnvironment("HOME", _home.Path);
    }

    [TearDown]
    public async Task Stop()
    {
        _gcloud.Dispose();
        _home.Dispose();
        await _world.DisposeAsync();
    }

    [Test]
    public async Task Tag_and_PruneUntagged_work_with_only_gclouds_account_and_its_token_stays_out_of_argv_the_process_table_and_the_log()
    {
        var key = _world.Sandbox.WriteServiceAccountKey(SandboxPrincipals.Admin, _home.Path);
        (await _gcloud.RunAsync("auth", "activate-service-account", "--key-file=" + key)).EnsureSuccess();
        File.Delete(key);
        var build = await _world.PushAsync("app", "build", 1, tags: ["3f2c1ab"]);
        await _world.PushAsync("app", "old", 9);
        var runner = new RecordingProcessRunner();

        using var processTable = ProcessTableWatch.Start();
        var tagged = await TagAdd.RunAsync(Context(runner), s => s.SetSource(PruneWorld.Canonical("app") + ":3f2c1ab").SetTags("stable"));
        var pruned = await PruneUntagged.RunAsync(Context(runner), s => s.SetImages(PruneWorld.Canonical("app")));
        var seen = await processTable.StopAsync();
        // gcloud prints its cached token again: the one the operations used.
        var token = (await _gcloud.RunAsync("auth", "print-access-token")).EnsureSuccess().StandardOutput.Trim();

        Assert.Multiple(async () =>
        {
            Assert.That(tagged.Created, Is.EqualTo(new[] { "stable" }));
            Assert.That(pruned.Deleted, Is.EqualTo(1));
            Assert.That((await _world.StateAsync("app")).Keys, Is.EqualTo(new[] { build }));
            Assert.That(_world.Log.Lines.Count(line => line.Contains("credentials: ", StringComparison.Ordinal)), Is.EqualTo(2), "one line per operation");
            Assert.That(_world.Log.Text, Does.Contain($"Information: credentials: gcloud account {SandboxPrincipals.Admin}"));
            Assert.That(token, Has.Length.GreaterThan(20));
            Assert.That(_world.Log.Text, Does.Not.Contain(token));
            Assert.That(runner.Visible, Does.Not.Contain(token));
            Assert.That(runner.Runs.SelectMany(run => run.Command.Environment).Select(variable => variable.Value ?? ""), Has.None.Contains(token));
            Assert.That(runner.Runs.Select(run => string.Join(' ', run.Command.Arguments.Select(a => a.Value))), Is.EqualTo(new[]
            {
                "config get account", "auth print-access-token", "config get account", "auth print-access-token",
            }), "one sign-in lookup per operation; the token is renewed only when due");
            Assert.That(seen.Samples, Is.GreaterThan(0));
            Assert.That(seen.Texts, Has.None.Contains(token), "no command line or environment on the machine held the token");
        });
    }

    [Test]
    public async Task A_signed_out_gcloud_is_listed_among_the_sources_tried_with_the_command_that_signs_in()
    {
        var exception = await Assert.ThrowsAsync<GoogleCredentialException>(() =>
            TagAdd.RunAsync(Context(new RecordingProcessRunner()), s => s.SetSource(PruneWorld.Canonical("app") + ":v1").SetTags("stable")));

        Assert.That(exception!.Message, Does.StartWith("TagAdd calls Artifact Registry's REST API and needs Google credentials, but none were found. Tried, in order:")
            .And.Contain("\n  - GOOGLE_APPLICATION_CREDENTIALS: not set. Fix: `export GOOGLE_APPLICATION_CREDENTIALS=/path/to/key.json`")
            .And.Contain($"\n  - gcloud application-default credentials: no file at {_gcloud.ConfigDirectory}/application_default_credentials.json. Fix: `gcloud auth application-default login`")
            .And.Contain("\n  - metadata server: ")
            .And.Contain($"\n  - gcloud account: signed out (no active account in {_gcloud.ConfigDirectory}). Fix: `gcloud auth login` (a person) or `gcloud auth activate-service-account --key-file=KEY.json` (CI)"));
    }

    /// <summary>The world's sandbox, no token source of its own: credentials come from gcloud (its environment is the test's gcloud's).</summary>
    private OperationContext Context(RecordingProcessRunner runner) => _world.Context()
        .SetAccessTokenSource(null)
        .SetEnvironmentVariables(_gcloud.EnvironmentVariables)
        .SetEnvironmentVariable("CLOUDSDK_AUTH_ACCESS_TOKEN", null)
        .SetEnvironmentVariable("CLOUDSDK_AUTH_ACCESS_TOKEN_FILE", null)
        .SetEnvironmentVariable("CLOUDSDK_CORE_ACCOUNT", null)
        .SetHomeDirectory(_home.Path)
        .SetProcessRunner(runner);
}
