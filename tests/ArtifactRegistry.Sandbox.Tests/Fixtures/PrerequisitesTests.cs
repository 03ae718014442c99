using ArtifactRegistry.Testing;
using NUnit.Framework.Internal;

namespace ArtifactRegistry.Sandbox.Tests.Fixtures;

public sealed class PrerequisitesTests
{
    private const string BogusProgram = "ard-no-such-program-7f3c";

    [Test]
    public void A_missing_program_fails_the_test_under_CI_and_says_how_to_install_it()
    {
        // The guard reports through NUnit's result; an isolated context keeps that report away from this test's own result.
        AssertionException? failure;
        using (new TestExecutionContext.IsolatedContext())
            failure = Assert.Throws<AssertionException>(() => Prerequisites.RequireProgram(BogusProgram, inContinuousIntegration: true));

        Assert.That(failure!.Message, Does.Contain(BogusProgram).And.Contain("CI=true").And.Contain(".ci/install").And.Contain(".ci/run"));
    }

    [Test]
    public void A_missing_program_is_ignored_with_the_precise_reason_outside_CI()
    {
        IgnoreException? ignored;
        using (new TestExecutionContext.IsolatedContext())
            ignored = Assert.Throws<IgnoreException>(() => Prerequisites.RequireProgram(BogusProgram, inContinuousIntegration: false));

        Assert.That(ignored!.Message, Does.Contain($"'{BogusProgram}' is not on PATH"));
    }

    [Test]
    public void A_missing_part_that_CI_installs_names_its_package()
    {
        AssertionException? failure;
        using (new TestExecutionContext.IsolatedContext())
            failure = Assert.Throws<AssertionException>(() => Prerequisites.RequireProgram("dockerd", inContinuousIntegration: true, searchPath: "/nonexistent"));

        Assert.That(failure!.Message, Does.Contain("docker.io").And.Contain(".ci/install installs it"));
    }

    [Test]
    public void A_missing_part_that_CI_cannot_install_says_so()
    {
        AssertionException? failure;
        using (new TestExecutionContext.IsolatedContext())
            failure = Assert.Throws<AssertionException>(() => Prerequisites.RequireProgram("gcloud", inContinuousIntegration: true, searchPath: "/nonexistent"));

        Assert.That(failure!.Message, Does.Contain("google-cloud-cli").And.Contain(".ci/install cannot install it"));
    }

    [Test]
    public void A_program_on_PATH_resolves_to_its_full_path()
    {
        var shell = Prerequisites.RequireProgram("sh", inContinuousIntegration: true);

        Assert.That(Path.IsPathRooted(shell), Is.True);
        Assert.That(File.Exists(shell), Is.True);
    }
}
