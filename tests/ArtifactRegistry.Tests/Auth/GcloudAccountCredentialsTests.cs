using ArtifactRegistry.Auth;
using ArtifactRegistry.Processes;
using ArtifactRegistry.Tests.TestServers;

namespace ArtifactRegistry.Tests.Auth;

/// <summary>gcloud's account as the last credential source, with a scripted gcloud: what is asked, when, and what is reported.</summary>
public class GcloudAccountCredentialsTests
{
    private string _home = null!;
    private string _bin = null!;
    private ManualTimeProvider _time = null!;

    [SetUp]
    public void Start()
    {
        _home = Directory.CreateTempSubdirectory("gcloud-account-").FullName;
        _bin = Directory.CreateDirectory(Path.Combine(_home, "bin")).FullName;
        _time = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        File.WriteAllText(Path.Combine(_home, "product_name"), "Standard PC (Q35 + ICH9, 2009)\n");
    }

    [TearDown]
    public void Stop() => Directory.Delete(_home, recursive: true);

    [Test]
    public async Task The_token_is_asked_for_again_before_the_five_minutes_gcloud_guarantees_run_out()
    {
        InstallGcloud();
        var gcloud = new ScriptedGcloud(account: "alice@example.com");

        var (source, attempt) = await GcloudAccountCredentials.FindAsync(Options(gcloud), CancellationToken.None);
        var first = await source!.GetAccessTokenAsync();
        _time.Advance(TimeSpan.FromMinutes(3.5));
        var stillFirst = await source.GetAccessTokenAsync();
        _time.Advance(TimeSpan.FromMinutes(0.6));
        var second = await source.GetAccessTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(attempt.Outcome, Is.EqualTo("gcloud account alice@example.com"));
            Assert.That(source.Principal.Email, Is.EqualTo("alice@example.com"));
            Assert.That((first.Value, stillFirst.Value, second.Value), Is.EqualTo(("token-1", "token-1", "token-2")));
            Assert.That(gcloud.Commands.Select(c => string.Join(' ', c.Arguments.Select(a => a.Value))),
                Is.EqualTo(new[] { "config get account", "auth print-access-token", "auth print-access-token" }));
            Assert.That(gcloud.Commands.Skip(1).All(c => c.HasSecretOutput), Is.True, "the printed token is never logged");
        });
    }

    [Test]
    public async Task Gcloud_is_pointed_at_the_configuration_folder_the_library_located()
    {
        InstallGcloud();
        var gcloud = new ScriptedGcloud(account: "alice@example.com");
        var configured = Path.Combine(_home, "elsewhere");

        await GcloudAccountCredentials.FindAsync(Options(gcloud, new() { ["CLOUDSDK_CONFIG"] = configured }), CancellationToken.None);
        await GcloudAccountCredentials.FindAsync(Options(gcloud), CancellationToken.None);

        var folders = gcloud.Commands.Select(c => c.Environment.Single(v => v.Name == "CLOUDSDK_CONFIG").Value).Distinct().ToList();
        Assert.That(folders, Is.EqualTo(new[] { configured, Path.Combine(_home, ".config", "gcloud") }));
    }

    [Test]
    public async Task A_signed_out_gcloud_is_reported_with_the_sign_in_commands_and_no_token_is_asked_for()
    {
        InstallGcloud();
        var gcloud = new ScriptedGcloud(account: null);

        var (source, attempt) = await GcloudAccountCredentials.FindAsync(Options(gcloud), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(source, Is.Null);
            Assert.That(attempt.Outcome, Does.StartWith("signed out (no active account in " + Path.Combine(_home, ".config", "gcloud")));
            Assert.That(attempt.Remedy, Does.Contain("`gcloud auth login`").And.Contain("`gcloud auth activate-service-account --key-file=KEY.json`"));
            Assert.That(gcloud.Commands, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_refused_refresh_is_reported_with_gclouds_own_explanation()
    {
        InstallGcloud();
        var gcloud = new ScriptedGcloud(account: "alice@example.com", tokenError: "ERROR: (gcloud.auth.print-access-token) There was a problem refreshing your current auth tokens: invalid_grant");

        var (source, attempt) = await GcloudAccountCredentials.FindAsync(Options(gcloud), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(source, Is.Null);
            Assert.That(attempt.Outcome, Is.EqualTo("`gcloud auth print-access-token` gave no token for user alice@example.com: " +
                                                    "(gcloud.auth.print-access-token) There was a problem refreshing your current auth tokens: invalid_grant"));
            Assert.That(attempt.Remedy, Does.Contain("`gcloud auth login`"));
        });
    }

    [Test]
    public async Task When_nothing_is_found_every_source_is_listed_in_order_with_its_fix()
    {
        var gcloud = new ScriptedGcloud(account: null);

        var result = await GoogleCredentials.ResolveAsync(Options(gcloud), CancellationToken.None);
        var text = result.DescribeAttempts();

        Assert.Multiple(() =>
        {
            Assert.That(result.Found, Is.False);
            Assert.That(result.Attempts.Select(a => a.Source), Is.EqualTo(new[]
                { "GOOGLE_APPLICATION_CREDENTIALS", "gcloud application-default credentials", "metadata server", "gcloud account" }));
            Assert.That(result.Attempts.Select(a => a.Remedy), Has.None.Null);
            Assert.That(text, Does.Contain("\n  - gcloud account: gcloud is not installed (not on PATH). Fix: install the Google Cloud CLI"));
            Assert.That(text, Does.Contain("\n  - gcloud application-default credentials: no file at ").And.Contain("Fix: `gcloud auth application-default login`"));
            Assert.That(gcloud.Commands, Is.Empty, "a missing gcloud costs no process");
        });
    }

    private ApplicationDefaultCredentialsOptions Options(ScriptedGcloud gcloud, Dictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(environment ?? []) { ["PATH"] = _bin };
        return new ApplicationDefaultCredentialsOptions
        {
            Environment = variables.GetValueOrDefault,
            HomeDirectory = _home,
            ProductNameFile = Path.Combine(_home, "product_name"),
            GcloudRunner = gcloud,
            Time = _time,
        };
    }

    /// <summary>A file named gcloud on PATH, so the lookup finds one; the scripted runner answers in its place.</summary>
    private void InstallGcloud()
    {
        var path = Path.Combine(_bin, "gcloud");
        File.WriteAllText(path, "#!/bin/sh\nexit 99\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Answers <c>config get account</c> and <c>auth print-access-token</c> as gcloud does, numbering the tokens.</summary>
    private sealed class ScriptedGcloud(string? account, string? tokenError = null) : IProcessRunner
    {
        private int _tokens;

        public List<ProcessCommand> Commands { get; } = [];

        public Task<ProcessResult> ExecuteAsync(ProcessCommand command, CancellationToken cancellationToken = default)
        {
            Commands.Add(command);
            var (exitCode, output, error) = string.Join(' ', command.Arguments.Select(a => a.Value)) switch
            {
                "config get account" => account is null ? (0, "", "(unset)\n") : (0, account + "\n", ""),
                "auth print-access-token" when tokenError is not null => (1, "", tokenError + "\n"),
                "auth print-access-token" => (0, $"token-{++_tokens}\n", ""),
                var other => throw new InvalidOperationException("unexpected gcloud " + other),
            };
            return Task.FromResult(new ProcessResult(exitCode, output, error, 4242, DateTimeOffset.UnixEpoch, TimeSpan.Zero));
        }
    }
}
