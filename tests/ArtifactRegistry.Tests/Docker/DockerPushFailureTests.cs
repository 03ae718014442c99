using ArtifactRegistry.Docker;

namespace ArtifactRegistry.Tests.Docker;

public sealed class DockerPushFailureTests
{
    [TestCase("received unexpected HTTP status: 500 Internal Server Error")]
    [TestCase("received unexpected HTTP status: 503 Service Unavailable")]
    [TestCase("error parsing HTTP 502 response body: invalid character '<' looking for beginning of value")]
    [TestCase("toomanyrequests: Quota exceeded for quota metric 'Requests per project per region'")]
    [TestCase("Put \"https://asia-docker.pkg.dev/v2/p/r/app/manifests/v1\": read tcp 10.0.0.2:50432->142.250.1.1:443: read: connection reset by peer")]
    [TestCase("Patch \"http://127.0.0.1:41234/v2/p/r/app/blobs/uploads/x\": unexpected EOF")]
    [TestCase("net/http: TLS handshake timeout")]
    public void Server_errors_and_broken_connections_are_worth_a_retry(string error) =>
        Assert.That(DockerPushFailure.IsTransient([error]), Is.True);

    [TestCase("denied: Permission \"artifactregistry.repositories.uploadArtifacts\" denied on resource \"projects/p/locations/asia/repositories/r\" (or it may not exist)")]
    [TestCase("name invalid: Missing image name. Pushes should be of the form docker push HOST-NAME/PROJECT-ID/REPOSITORY/IMAGE")]
    [TestCase("unauthorized: authentication required")]
    [TestCase("received unexpected HTTP status: 404 Not Found")]
    [TestCase("An image does not exist locally with the tag: asia-docker.pkg.dev/p/r/app")]
    [TestCase("Get \"http://127.0.0.1:5000/v2/\": dial tcp 127.0.0.1:5000: connect: connection refused")]
    [TestCase("")]
    public void Refusals_and_unknown_failures_are_not_retried(string error) =>
        Assert.That(DockerPushFailure.IsTransient([error]), Is.False);
}
