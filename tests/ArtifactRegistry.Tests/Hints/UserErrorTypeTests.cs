using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Grants;
using ArtifactRegistry.Hints;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Publishing;

namespace ArtifactRegistry.Tests.Hints;

/// <summary>
/// Each user mistake below once surfaced as a bare ArgumentException or InvalidOperationException, whose type NUKE prints above the
/// stack. Each now raises <see cref="SettingsException"/> (exactly, not merely an ArgumentException), before any process or request,
/// with a first line that says what happened and a message that names the setting that fixes it.
/// </summary>
public class UserErrorTypeTests
{
    private static readonly OperationContext Context = OperationContext.Default;

    [Test]
    public void SetImage_with_workloads_kubectl_cannot_name() =>
        AssertRefusal(() => SetImageOperation.ParseWorkloads(["api", "job/migrate"]),
            "SetImage was given 2 workloads it cannot roll out.", "SetWorkloads(\"deployment/NAME\")");

    [Test]
    public void Deploy_with_an_image_twice() =>
        AssertRefusal(() => Deploy.RunAsync(Context, s => s
                .AddImage("asia-docker.pkg.dev/my-project/my-repo/api", "src/api", "deployment/api")
                .AddImage("asia-docker.pkg.dev/my-project/my-repo/api", "src/api", "deployment/worker")).GetAwaiter().GetResult(),
            "Deploy was given asia-docker.pkg.dev/my-project/my-repo/api 2 times.", "AddImage(…)");

    [Test]
    public void Deploy_with_a_reader_member_IAM_refuses() =>
        AssertRefusal(() => Deploy.RunAsync(Context, s => s
                .AddImage("asia-docker.pkg.dev/my-project/my-repo/api", "src/api", "deployment/api")
                .SetReaderMember("user:ana@example.com,user:bob@example.com")).GetAwaiter().GetResult(),
            "'user:ana@example.com,user:bob@example.com' is a list, not one IAM member: give the members one at a time.", "SetMember(\"serviceAccount:NAME@PROJECT.iam.gserviceaccount.com\")");

    [Test]
    public void EnsureDockerAuth_without_images_or_hosts() =>
        AssertRefusal(() => EnsureDockerAuth.RunAsync(Context, new EnsureDockerAuthSettings()).GetAwaiter().GetResult(),
            "EnsureDockerAuth was given no image and no host.", "SetImages(…)");

    [Test]
    public void CheckPullAccess_without_a_member() =>
        AssertRefusal(() => CheckPullAccess.RunAsync(Context, s => s.SetRepository("projects/p/locations/asia/repositories/r")).GetAwaiter().GetResult(),
            "CheckPullAccess was given no member to check.", "SetMember(\"serviceAccount:NAME@PROJECT.iam.gserviceaccount.com\")");

    [Test]
    public void BuildAndPush_without_an_image() =>
        AssertRefusal(() => BuildAndPush.RunAsync(Context, new BuildAndPushSettings()).GetAwaiter().GetResult(),
            "BuildAndPush was given no image to push.", "SetImage(\"LOCATION-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE\")");

    [Test]
    public void BuildAndPush_with_a_digest() =>
        AssertRefusal(() => BuildAndPush.RunAsync(Context, new BuildAndPushSettings().SetImage(
                "asia-docker.pkg.dev/my-project/my-repo/app@sha256:" + new string('a', 64))).GetAwaiter().GetResult(),
            "BuildAndPush was given an image with a digest, 'asia-docker.pkg.dev/my-project/my-repo/app@sha256:" + new string('a', 64) + "'.",
            "SetImage(\"asia-docker.pkg.dev/my-project/my-repo/app\")");

    [Test]
    public void IamMember_that_IAM_would_refuse() =>
        AssertRefusal(() => IamMember.Parse("user:ana@example.com user:bob@example.com"),
            "The IAM member 'user:ana@example.com user:bob@example.com' contains whitespace; a member is one word such as serviceAccount:NAME@PROJECT.iam.gserviceaccount.com.",
            "serviceAccount:NAME@PROJECT.iam.gserviceaccount.com");

    [Test]
    public void A_credential_helper_host_with_a_scheme() =>
        // Validated before the file is read or locked: the folder need not exist.
        AssertRefusal(() => DockerConfigFile.InDirectory(Path.Combine(Path.GetTempPath(), "ard-never-created")).EnsureCredentialHelper(["https://asia-docker.pkg.dev"]),
            "'https://asia-docker.pkg.dev' is not a registry host.", "AddExtraHosts(\"asia-docker.pkg.dev\")");

    [Test]
    public void An_environment_variable_name_with_an_equals_sign() =>
        AssertRefusal(() => _ = new ArtifactRegistry.Processes.EnvironmentVariableOverride("A=B", "1"),
            "Environment variable name 'A=B' contains '='.", "SetEnvironmentVariable(\"NAME\", \"value\")");

    private static void AssertRefusal(Action action, string firstLine, string fix)
    {
        var exception = Assert.Throws<SettingsException>(() => action())!;
        Assert.That(exception, Is.TypeOf<SettingsException>());
        Assert.That(exception.Message.Split(Environment.NewLine)[0], Is.EqualTo(firstLine), "the first line says what happened");
        Assert.That(exception.Message, Does.Contain(fix), "the message names the fix");
        Assert.That(exception.Message, Does.Not.Contain("(Parameter '"), "no .NET parameter suffix");
    }
}
