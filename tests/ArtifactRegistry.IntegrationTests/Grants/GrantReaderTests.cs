using ArtifactRegistry.Hints;
using ArtifactRegistry.Access;
using ArtifactRegistry.Grants;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Grants;

/// <summary>GrantReader against the sandbox's IAM: the grant takes effect for the member itself, and only what is needed is written.</summary>
[CancelAfter(120_000)]
public class GrantReaderTests
{
    private GrantWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await GrantWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task The_node_account_of_another_project_can_pull_after_the_grant_and_not_before()
    {
        var before = await _world.MayPullAsync(SandboxPrincipals.GkeNodes);

        var result = await GrantReader.RunAsync(_world.As(SandboxPrincipals.Admin), s => s.SetRepository(GrantWorld.Repository).SetMember(GrantWorld.Nodes));

        Assert.That(before, Is.False, "the seed gives the node account no role");
        Assert.That(await _world.MayPullAsync(SandboxPrincipals.GkeNodes), Is.True, "the sandbox's own IAM check, with the node account's token");
        Assert.That(result.Changed, Is.True);
        Assert.That(result.Attempts, Is.EqualTo(1));
        Assert.That(result.Member, Is.EqualTo(GrantWorld.Nodes));
        Assert.That(result.Role, Is.EqualTo("roles/artifactregistry.reader"));
        Assert.That(result.ToString(), Does.Contain("granted").And.Contain("asia-docker.pkg.dev/sample-project/sample"));
    }

    [Test]
    public async Task A_second_grant_reads_the_policy_and_writes_nothing()
    {
        var context = _world.As(SandboxPrincipals.Admin);
        await GrantReader.RunAsync(context, s => s.SetRepository(GrantWorld.Repository).SetMember(GrantWorld.Nodes));
        _world.Sandbox.Counters.Reset();

        var again = await GrantReader.RunAsync(context, s => s.SetRepository(GrantWorld.Repository).SetMember(GrantWorld.Nodes));

        Assert.That(again.Changed, Is.False);
        Assert.That(_world.Sandbox.Counters[SandboxRoutes.RepositoriesSetIamPolicy], Is.Zero);
        Assert.That(_world.Sandbox.Counters[SandboxRoutes.RepositoriesGetIamPolicy], Is.EqualTo(1));
        Assert.That(await _world.MembersAsync("roles/artifactregistry.reader"), Is.EqualTo(new[] { GrantWorld.Nodes }));
        Assert.That(again.ToString(), Does.Contain("already granted"));
    }

    [Test]
    public async Task A_policy_changed_between_read_and_write_is_read_again_and_the_other_change_is_kept()
    {
        const string other = "user:ana@example.com";
        var racer = new BeforeSetIamPolicy(_ => _world.Sandbox.Grant(GrantWorld.RepositoryName, "roles/artifactregistry.writer", other), times: 1);

        var result = await GrantReader.RunAsync(_world.As(SandboxPrincipals.Admin, racer), s => s.SetRepository(GrantWorld.Repository).SetMember(GrantWorld.Nodes));

        Assert.That(racer.Interceptions, Is.EqualTo(1));
        Assert.That(result.Attempts, Is.EqualTo(2), "the first write was refused as stale (ABORTED)");
        Assert.That(await _world.MembersAsync("roles/artifactregistry.reader"), Is.EqualTo(new[] { GrantWorld.Nodes }));
        Assert.That(await _world.MembersAsync("roles/artifactregistry.writer"), Does.Contain(other), "the concurrent change survives");
        Assert.That(_world.Log.Text, Does.Contain("changed since it was read"));
    }

    [Test]
    public async Task A_policy_that_changes_under_every_attempt_ends_in_one_message_and_no_grant()
    {
        var n = 0;
        var racer = new BeforeSetIamPolicy(_ => _world.Sandbox.Grant(GrantWorld.RepositoryName, "roles/artifactregistry.writer", $"user:racer{++n}@example.com"), times: int.MaxValue);

        var error = (await Assert.ThrowsAsync<IamPolicyConflictException>(() =>
            GrantReader.RunAsync(_world.As(SandboxPrincipals.Admin, racer), s => s.SetRepository(GrantWorld.Repository).SetMember(GrantWorld.Nodes))))!;

        Assert.That(error.Attempts, Is.EqualTo(racer.Interceptions));
        Assert.That(error.Message, Does.Contain("ABORTED").And.Contain("run the grant again"));
        Assert.That(await _world.MembersAsync("roles/artifactregistry.reader"), Is.Empty);
    }

    [Test]
    public async Task A_build_account_without_IAM_rights_is_told_who_lacks_what_and_the_command_for_an_administrator()
    {
        var error = (await Assert.ThrowsAsync<IamPolicyAccessDeniedException>(() =>
            GrantReader.RunAsync(_world.As(SandboxPrincipals.Deployer), s => s.SetRepository(GrantWorld.Repository).SetMember(GrantWorld.Nodes))))!;

        Assert.That(error.Permission, Is.EqualTo("artifactregistry.repositories.getIamPolicy"));
        Assert.That(error.Message, Does.Contain(SandboxPrincipals.Deployer).And.Contain("roles/artifactregistry.admin"));
        Assert.That(error.GrantCommand, Is.EqualTo(
            "gcloud artifacts repositories add-iam-policy-binding sample --location=asia --project=sample-project " +
            $"--member={GrantWorld.Nodes} --role=roles/artifactregistry.reader"));
        Assert.That(await _world.MayPullAsync(SandboxPrincipals.GkeNodes), Is.False);
    }

    [Test]
    public async Task A_Compute_Engine_default_account_is_granted_with_a_warning_recommending_a_dedicated_node_account()
    {
        const string computeDefault = "serviceAccount:123456789012-compute@developer.gserviceaccount.com";

        var result = await GrantReader.RunAsync(_world.As(SandboxPrincipals.Admin), s => s.SetRepository(GrantWorld.Repository).SetMember(computeDefault));

        Assert.That(result.Changed, Is.True);
        Assert.That(result.Warnings, Has.Count.EqualTo(1));
        Assert.That(result.Warnings[0], Does.Contain("Compute Engine default service account").And.Contain("roles/container.defaultNodeServiceAccount"));
        Assert.That(_world.Log.Lines, Has.Some.StartsWith("Warning: GrantReader: 123456789012-compute@developer.gserviceaccount.com is a Compute Engine default"));
    }

    [TestCase("gke-nodes@cluster-project.iam.gserviceaccount.com", "serviceAccount:gke-nodes@cluster-project.iam.gserviceaccount.com")]
    [TestCase("allUsers", "anyone on the internet")]
    [TestCase("allAuthenticatedUsers", "anyone with a Google account")]
    public async Task A_member_that_is_malformed_or_public_is_refused_before_any_request(string member, string message)
    {
        var error = (await Assert.ThrowsAsync<SettingsException>(() =>
            GrantReader.RunAsync(_world.As(SandboxPrincipals.Admin), s => s.SetRepository(GrantWorld.Repository).SetMember(member))))!;

        Assert.That(error.Message, Does.Contain(message));
        Assert.That(_world.Sandbox.Counters.Total, Is.Zero);
    }

    [Test]
    public async Task A_repository_that_does_not_exist_is_named_with_the_command_that_creates_it()
    {
        var error = (await Assert.ThrowsAsync<RepositoryNotFoundException>(() =>
            GrantReader.RunAsync(_world.As(SandboxPrincipals.Admin), s => s.SetRepository("asia-docker.pkg.dev/sample-project/missing").SetMember(GrantWorld.Nodes))))!;

        Assert.That(error.CreateCommand, Is.EqualTo("gcloud artifacts repositories create missing --repository-format=docker --location=asia --project=sample-project"));
    }
}
