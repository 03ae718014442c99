using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Registry;

public class BlobUploadTests
{
    private const string Name = "sample-project/sample/uploads";
    private TestSandbox _sandbox = null!;

    [OneTimeSetUp]
    public async Task Start() => _sandbox = await TestSandbox.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [Test]
    public async Task A_monolithic_upload_stores_the_blob_and_answers_its_location_and_digest()
    {
        var blob = Encoding.UTF8.GetBytes("monolithic " + Guid.NewGuid());
        var digest = TestImage.DigestOf(blob);

        var uploaded = await _sandbox.PushBlobAsync(SandboxPrincipals.Deployer, Name, blob);
        var fetched = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/blobs/{digest}", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(uploaded.Status, Is.EqualTo(HttpStatusCode.Created), uploaded.ToString());
            Assert.That(uploaded.Header("Location"), Is.EqualTo($"http://{_sandbox.Server.RegistryHost("asia")}/v2/{Name}/blobs/{digest}"));
            Assert.That(uploaded.Header("Docker-Content-Digest"), Is.EqualTo(digest));
            Assert.That(fetched.Text, Is.EqualTo(Encoding.UTF8.GetString(blob)));
            Assert.That(fetched.Header("Docker-Content-Digest"), Is.EqualTo(digest));
        });
    }

    [Test]
    public async Task Post_patch_put_uploads_in_chunks_and_verifies_the_digest_at_the_end()
    {
        var first = Encoding.UTF8.GetBytes("first half/");
        var second = Encoding.UTF8.GetBytes("second half " + Guid.NewGuid());
        var digest = TestImage.DigestOf([.. first, .. second]);

        var started = await _sandbox.RegistryAsync(HttpMethod.Post, $"v2/{Name}/blobs/uploads/", SandboxPrincipals.Deployer);
        var location = new Uri(started.Header("Location")!);
        var patched = await _sandbox.RegistryAsync(HttpMethod.Patch, location.PathAndQuery, SandboxPrincipals.Deployer, new ByteArrayContent(first));
        var status = await _sandbox.RegistryAsync(HttpMethod.Get, location.PathAndQuery, SandboxPrincipals.Deployer);
        var finished = await _sandbox.RegistryAsync(HttpMethod.Put, $"{location.PathAndQuery}?digest={digest}", SandboxPrincipals.Deployer, new ByteArrayContent(second));
        var head = await _sandbox.RegistryAsync(HttpMethod.Head, $"v2/{Name}/blobs/{digest}", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(started.Status, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(started.Header("Range"), Is.EqualTo("0-0"));
            Assert.That(started.Header("Docker-Upload-UUID"), Is.Not.Empty);
            Assert.That(patched.Status, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(patched.Header("Range"), Is.EqualTo($"0-{first.Length - 1}"));
            Assert.That(status.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(finished.Status, Is.EqualTo(HttpStatusCode.Created), finished.ToString());
            Assert.That(head.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(head.ContentHeaders.ContentLength, Is.EqualTo(first.Length + second.Length));
        });
    }

    [Test]
    public async Task A_digest_that_does_not_match_the_content_is_refused_and_nothing_is_stored()
    {
        var blob = Encoding.UTF8.GetBytes("actual content");
        var claimed = TestImage.DigestOf(Encoding.UTF8.GetBytes("other content"));

        var answer = await _sandbox.RegistryAsync(HttpMethod.Post, $"v2/{Name}/blobs/uploads/?digest={claimed}", SandboxPrincipals.Deployer, new ByteArrayContent(blob));
        var head = await _sandbox.RegistryAsync(HttpMethod.Head, $"v2/{Name}/blobs/{claimed}", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(answer.RegistryError, Is.EqualTo(("DIGEST_INVALID", "provided digest did not match uploaded content")));
            Assert.That(head.Status, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task A_range_request_gets_the_requested_bytes()
    {
        var blob = Encoding.UTF8.GetBytes("0123456789-range-" + Guid.NewGuid());
        await _sandbox.PushBlobAsync(SandboxPrincipals.Deployer, Name, blob);

        var answer = await _sandbox.RegistryAsync(HttpMethod.Get, $"v2/{Name}/blobs/{TestImage.DigestOf(blob)}", SandboxPrincipals.Deployer, headers: ("Range", "bytes=2-5"));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(answer.Text, Is.EqualTo("2345"));
            Assert.That(answer.Header("Content-Range"), Is.EqualTo($"bytes 2-5/{blob.Length}"));
        });
    }

    [Test]
    public async Task A_blob_can_be_mounted_from_a_repository_the_caller_may_read()
    {
        var blob = Encoding.UTF8.GetBytes("mounted " + Guid.NewGuid());
        var digest = TestImage.DigestOf(blob);
        await using var sandbox = await TestSandbox.StartAsync();
        sandbox.Server.CreateRepository(TestSandbox.Project, "asia", "other");
        sandbox.Server.Grant("projects/sample-project/locations/asia/repositories/other", "roles/artifactregistry.writer", "serviceAccount:" + SandboxPrincipals.Deployer);
        await sandbox.PushBlobAsync(SandboxPrincipals.Deployer, Name, blob);

        var before = await sandbox.RegistryAsync(HttpMethod.Head, $"v2/sample-project/other/app/blobs/{digest}", SandboxPrincipals.Deployer);
        var mounted = await sandbox.RegistryAsync(HttpMethod.Post, $"v2/sample-project/other/app/blobs/uploads/?mount={digest}&from={Name}", SandboxPrincipals.Deployer);
        var after = await sandbox.RegistryAsync(HttpMethod.Head, $"v2/sample-project/other/app/blobs/{digest}", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(before.Status, Is.EqualTo(HttpStatusCode.NotFound), "blobs are per repository until mounted or pushed");
            Assert.That(mounted.Status, Is.EqualTo(HttpStatusCode.Created), mounted.ToString());
            Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task A_mount_from_a_repository_the_caller_cannot_read_starts_an_ordinary_upload_instead()
    {
        var blob = Encoding.UTF8.GetBytes("guarded " + Guid.NewGuid());
        await _sandbox.PushBlobAsync(SandboxPrincipals.Deployer, Name, blob);
        _sandbox.Server.CreateRepository(TestSandbox.Project, "asia", "gke-writable");
        _sandbox.Server.Grant("projects/sample-project/locations/asia/repositories/gke-writable", "roles/artifactregistry.writer", "serviceAccount:" + SandboxPrincipals.GkeNodes);

        var answer = await _sandbox.RegistryAsync(HttpMethod.Post, $"v2/sample-project/gke-writable/app/blobs/uploads/?mount={TestImage.DigestOf(blob)}&from={Name}", SandboxPrincipals.GkeNodes);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Accepted), answer.ToString());
    }

    [Test]
    public async Task A_cancelled_upload_is_gone()
    {
        var started = await _sandbox.RegistryAsync(HttpMethod.Post, $"v2/{Name}/blobs/uploads/", SandboxPrincipals.Deployer);
        var path = new Uri(started.Header("Location")!).PathAndQuery;

        var cancelled = await _sandbox.RegistryAsync(HttpMethod.Delete, path, SandboxPrincipals.Deployer);
        var patched = await _sandbox.RegistryAsync(HttpMethod.Patch, path, SandboxPrincipals.Deployer, new ByteArrayContent([1, 2, 3]));

        Assert.Multiple(() =>
        {
            Assert.That(cancelled.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(patched.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(patched.RegistryError.Code, Is.EqualTo("BLOB_UPLOAD_UNKNOWN"));
        });
    }

    [Test]
    public async Task Blobs_cannot_be_deleted_through_the_registry_api()
    {
        var blob = Encoding.UTF8.GetBytes("undeletable " + Guid.NewGuid());
        await _sandbox.PushBlobAsync(SandboxPrincipals.Admin, Name, blob);

        var answer = await _sandbox.RegistryAsync(HttpMethod.Delete, $"v2/{Name}/blobs/{TestImage.DigestOf(blob)}", SandboxPrincipals.Admin);

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(answer.RegistryError.Code, Is.EqualTo("UNSUPPORTED"));
        });
    }

    [Test]
    public async Task A_large_blob_streams_through_unchanged()
    {
        var blob = new byte[8 * 1024 * 1024 + 17];
        Random.Shared.NextBytes(blob);
        var digest = TestImage.DigestOf(blob);

        var started = await _sandbox.RegistryAsync(HttpMethod.Post, $"v2/{Name}/blobs/uploads/", SandboxPrincipals.Deployer);
        var path = new Uri(started.Header("Location")!).PathAndQuery;
        await _sandbox.RegistryAsync(HttpMethod.Patch, path, SandboxPrincipals.Deployer, new StreamContent(new MemoryStream(blob)));
        var finished = await _sandbox.RegistryAsync(HttpMethod.Put, $"{path}?digest={digest}", SandboxPrincipals.Deployer);
        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry($"v2/{Name}/blobs/{digest}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _sandbox.RegistryTokenAsync(SandboxPrincipals.Deployer));
        using var response = await _sandbox.Http.SendAsync(request);
        var fetched = await response.Content.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(finished.Status, Is.EqualTo(HttpStatusCode.Created), finished.ToString());
            Assert.That(TestImage.DigestOf(fetched), Is.EqualTo(digest));
        });
    }
}
