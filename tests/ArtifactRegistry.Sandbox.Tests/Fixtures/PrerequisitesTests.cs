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
    public void Missing_multi_platform_parts_fail_under_CI_naming_the_ci_install_part_that_provides_each()
    {
        var missingEntry = Path.Combine(Path.GetTempPath(), "ard-no-binfmt-" + Guid.NewGuid().ToString("N"), "qemu-aarch64");
        AssertionException? noQemu, noEntry, noBusybox;
        using (new TestExecutionContext.IsolatedContext())
            noQemu = Assert.Throws<AssertionException>(() => Prerequisites.RequireArm64Emulation(true, missingEntry, "/nonexistent"));
        using (new TestExecutionContext.IsolatedContext())
            noEntry = Assert.Throws<AssertionException>(() => Prerequisites.RequireArm64Emulation(true, missingEntry, "/usr/bin:/bin"));
        using (new TestExecutionContext.IsolatedContext())
            noBusybox = Assert.Throws<AssertionException>(() => Prerequisites.RequireArm64Busybox(true, missingEntry));

        Assert.Multiple(() =>
        {
            Assert.That(noQemu!.Message, Does.Contain("qemu-aarch64-static").And.Contain("qemu-user-static").And.Contain(".ci/install installs it"));
            if (Prerequisites.FindOnPath("qemu-aarch64-static", "/usr/bin:/bin") is not null)
                Assert.That(noEntry!.Message, Does.Contain(missingEntry).And.Contain("bash .ci/install binfmt-qemu-aarch64"));
            Assert.That(noBusybox!.Message, Does.Contain("CI=true").And.Contain("bash .ci/install busybox-arm64"));
        });
    }

    [Test]
    public void A_program_on_PATH_resolves_to_its_full_path()
    {
        var shell = Prerequisites.RequireProgram("sh", inContinuousIntegration: true);

        Assert.That(Path.IsPathRooted(shell), Is.True);
        Assert.That(File.Exists(shell), Is.True);
    }
}
