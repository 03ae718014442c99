using ArtifactRegistry.Grants;
using ArtifactRegistry.Sandbox;

namespace ArtifactRegistry.IntegrationTests.Grants;

/// <summary>CheckPullAccess against the sandbox's repository and project policies, and what it says when it may read neither.</summary>
[CancelAfter(120_000)]
public class CheckPullAccessTests
{
    private GrantWorld _world = null!;

    [SetUp]
    public async Task Start() => _world = await GrantWorld.StartAsync();

    [TearDown]
    public async Task Stop() => await _world.DisposeAsync();

    [Test]
    public async Task Without_any_grant_the_node_account_cannot_pull_and_the_fix_is_the_reader_grant()
    {
        var access = await Check(SandboxPrincipals.Admin);

        Assert.That(access.Verdict, Is.EqualTo(PullAccessVerdict.NotGranted));
        Assert.That(access.Unchecked, Is.Empty, "the administrator may read both policies");
        Assert.That(access.ToString(), Does.Contain(access.GrantCommand).And.Contain("GrantReader"));
        Assert.That(await _world.MayPullAsync(SandboxPrincipals.GkeNodes), Is.False, "and the sandbox agrees");
    }

    [Test]
    public async Task After_GrantReader_the_repository_binding_is_named()
    {
        await GrantReader.RunAsync(_world.As(SandboxPrincipals.Admin), s => s.SetRepository(GrantWorld.Repository).SetMember(GrantWorld.Nodes));

        var access = await Check(SandboxPrincipals.Admin);

        Assert.That(access.Verdict, Is.EqualTo(PullAccessVerdict.Allowed));
        Assert.That(access.Bindings, Is.EqualTo(new[] { new PullAccessBinding(PullAccessScope.Repository, "roles/artifactregistry.reader", GrantWorld.Nodes) }));
        Assert.That(await _world.MayPullAsync(SandboxPrincipals.GkeNodes), Is.True);
    }

    [Test]
    public async Task A_project_level_role_is_found_and_named_as_such()
    {
        _world.Sandbox.Grant("projects/sample-project", "roles/viewer", GrantWorld.Nodes);

        var access = await Check(SandboxPrincipals.Admin);

        Assert.That(access.Verdict, Is.EqualTo(PullAccessVerdict.Allowed));
        Assert.That(access.Bindings, Is.EqualTo(new[] { new PullAccessBinding(PullAccessScope.Project, "roles/viewer", GrantWorld.Nodes) }));
        Assert.That(access.ToString(), Does.Contain("roles/viewer on the project"));
        Assert.That(await _world.MayPullAsync(SandboxPrincipals.GkeNodes), Is.True);
    }

    [Test]
    public async Task A_caller_that_may_read_neither_policy_gets_unknown_with_what_was_not_checked()
    {
        var access = await Check(SandboxPrincipals.Deployer);

        Assert.That(access.Verdict, Is.EqualTo(PullAccessVerdict.Unknown));
        Assert.That(access.Unchecked, Has.Count.EqualTo(2));
        Assert.That(access.Unchecked[0], Does.StartWith("the repository's policy").And.Contain("artifactregistry.repositories.getIamPolicy"));
        Assert.That(access.Unchecked[1], Does.StartWith("project sample-project's policy").And.Contain("resourcemanager.projects.getIamPolicy"));
    }

    private Task<PullAccessResult> Check(string caller) =>
        CheckPullAccess.RunAsync(_world.As(caller), s => s.SetRepository(GrantWorld.Repository).SetMember(GrantWorld.Nodes));
}
