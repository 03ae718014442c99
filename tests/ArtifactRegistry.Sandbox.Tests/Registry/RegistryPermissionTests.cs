using System.Net;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Registry;

/// <summary>Every Registry API call checks the caller's permission on the repository, answering with Google's texts.</summary>
public class RegistryPermissionTests
{
    private const string Name = "sample-project/sample/sample-api";
    private const string Resource = "projects/sample-project/locations/asia/repositories/sample";
    private TestSandbox _sandbox = null!;

    [SetUp]
    public async Task Start() => _sandbox = await TestSandbox.StartAsync();

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [Test]
    public async Task A_principal_without_a_role_cannot_push_and_is_told_which_permission_is_missing()
    {
        var answer = await _sandbox.RegistryAsync(HttpMethod.Post, $"v2/{Name}/blobs/uploads/", SandboxPrincipals.Viewer);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(answer.RegistryError, Is.EqualTo(("DENIED",
                $"Permission \"artifactregistry.repositories.uploadArtifacts\" denied on resource \"{Resource}\" (or it may not exist)")));
        });
    }

    [Test]
    public async Task A_repository_that_does_not_exist_gets_the_same_answer_as_a_missing_permission()
    {
        var answer = await _sandbox.RegistryAsync(HttpMethod.Post, "v2/sample-project/sample-api/sample/blobs/uploads/", SandboxPrincipals.Deployer);

        Assert.That(answer.RegistryError, Is.EqualTo(("DENIED",
            "Permission \"artifactregistry.repositories.uploadArtifacts\" denied on resource \"projects/sample-project/locations/asia/repositories/sample-api\" (or it may not exist)")));
    }

    [Test]
    public async Task An_administrator_pushing_to_a_repository_that_does_not_exist_is_told_it_is_not_found()
    {
        var answer = await _sandbox.RegistryAsync(HttpMethod.Post, "v2/sample-project/missing/app/blobs/uploads/", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(answer.RegistryError, Is.EqualTo(("NAME_UNKNOWN", "Repository \"missing\" not found")));
        });
    }

    [Test]
    public async Task A_name_without_a_repository_segment_is_refused_with_googles_missing_image_name_text()
    {
        var answer = await _sandbox.RegistryAsync(HttpMethod.Post, "v2/sample-project/sample-api/blobs/uploads/", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(answer.RegistryError, Is.EqualTo(("NAME_INVALID",
                "Missing image name. Pushes should be of the form docker push HOST-NAME/PROJECT-ID/REPOSITORY/IMAGE")));
        });
    }

    [Test]
    public async Task The_node_pool_account_of_another_project_can_pull_only_after_a_reader_grant()
    {
        await _sandbox.PushAsync("for the cluster");

        var before = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/manifests/latest", SandboxPrincipals.GkeNodes);
        _sandbox.Server.Grant(Resource, "roles/artifactregistry.reader", "serviceAccount:" + SandboxPrincipals.GkeNodes);
        var after = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/manifests/latest", SandboxPrincipals.GkeNodes);

        Assert.Multiple(() =>
        {
            Assert.That(before.RegistryError, Is.EqualTo(("DENIED",
                $"Permission \"artifactregistry.repositories.downloadArtifacts\" denied on resource \"{Resource}\" (or it may not exist)")));
            Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), after.ToString());
        });
    }

    [Test]
    public async Task A_reader_can_pull_but_not_push()
    {
        await _sandbox.PushAsync("read only");
        _sandbox.Server.Grant(Resource, "roles/artifactregistry.reader", "serviceAccount:" + SandboxPrincipals.Viewer);

        var pull = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/manifests/latest", SandboxPrincipals.Viewer);
        var push = await _sandbox.RegistryAsync(HttpMethod.Post, $"v2/{Name}/blobs/uploads/", SandboxPrincipals.Viewer);

        Assert.Multiple(() =>
        {
            Assert.That(pull.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(push.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task A_writer_cannot_delete_tags_or_images_but_a_repository_administrator_can()
    {
        var image = await _sandbox.PushAsync("deletable");
        _sandbox.Server.Grant(Resource, "roles/artifactregistry.repoAdmin", "serviceAccount:" + SandboxPrincipals.Viewer);

        var writerTag = await _sandbox.RegistryAsync(HttpMethod.Delete, $"v2/{Name}/manifests/latest", SandboxPrincipals.Deployer);
        var repoAdminTag = await _sandbox.RegistryAsync(HttpMethod.Delete, $"v2/{Name}/manifests/latest", SandboxPrincipals.Viewer);
        var writerDigest = await _sandbox.RegistryAsync(HttpMethod.Delete, $"v2/{Name}/manifests/{image.Digest}", SandboxPrincipals.Deployer);
        var repoAdminDigest = await _sandbox.RegistryAsync(HttpMethod.Delete, $"v2/{Name}/manifests/{image.Digest}", SandboxPrincipals.Viewer);

        Assert.Multiple(() =>
        {
            Assert.That(writerTag.RegistryError.Message, Does.StartWith("Permission \"artifactregistry.tags.delete\" denied"));
            Assert.That(repoAdminTag.Status, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(writerDigest.RegistryError.Message, Does.StartWith("Permission \"artifactregistry.repositories.deleteArtifacts\" denied"));
            Assert.That(repoAdminDigest.Status, Is.EqualTo(HttpStatusCode.Accepted));
        });
    }

    [Test]
    public async Task Moving_a_tag_with_a_push_needs_tags_update_which_a_writer_has()
    {
        await _sandbox.PushAsync("first latest");

        var moved = await _sandbox.PushAsync("second latest");
        var served = await _sandbox.RegistryAsync(HttpMethod.Head, $"v2/{Name}/manifests/latest", SandboxPrincipals.Deployer);

        Assert.That(served.Header("Docker-Content-Digest"), Is.EqualTo(moved.Digest));
    }

    [Test]
    public async Task An_expired_registry_token_is_challenged_again()
    {
        var shortLived = _sandbox.Server.IssueAccessToken(SandboxPrincipals.Deployer, TimeSpan.FromMilliseconds(1500));
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry("v2/token"));
        tokenRequest.Headers.Authorization = TestSandbox.Basic("oauth2accesstoken", shortLived);
        var token = (await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(tokenRequest))).Json["token"]!.GetValue<string>();
        await Task.Delay(TimeSpan.FromSeconds(2));

        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry($"v2/{Name}/tags/list"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var answer = await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(answer.Header("WWW-Authenticate"), Does.Contain("error=\"invalid_token\""));
            Assert.That(answer.RegistryError.Message, Is.EqualTo("Invalid credentials: the bearer token has expired"));
        });
    }

    [Test]
    public async Task Repositories_with_immutable_tags_refuse_a_push_that_would_move_a_tag()
    {
        _sandbox.Server.CreateRepository("sample-project", "asia", "frozen", immutableTags: true);
        _sandbox.Server.Grant("projects/sample-project/locations/asia/repositories/frozen", "roles/artifactregistry.writer", "serviceAccount:" + SandboxPrincipals.Deployer);
        var first = await _sandbox.PushAsync(TestImage.Create("frozen one"), "sample-project/frozen/app", "v1");
        var second = TestImage.Create("frozen two");
        await _sandbox.PushBlobAsync(SandboxPrincipals.Deployer, "sample-project/frozen/app", second.Config);
        await _sandbox.PushBlobAsync(SandboxPrincipals.Deployer, "sample-project/frozen/app", second.Layer);

        var again = await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, "sample-project/frozen/app", "v1", first.Manifest, first.MediaType);
        var moved = await _sandbox.PushManifestAsync(SandboxPrincipals.Deployer, "sample-project/frozen/app", "v1", second.Manifest, second.MediaType);

        Assert.Multiple(() =>
        {
            Assert.That(again.Status, Is.EqualTo(HttpStatusCode.Created), "re-pushing the same digest under its tag is not a move");
            Assert.That(moved.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(moved.RegistryError.Message, Does.Contain("immutable tags"));
        });
    }
}
