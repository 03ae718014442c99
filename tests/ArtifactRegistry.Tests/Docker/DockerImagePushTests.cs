using ArtifactRegistry.Docker;
using ArtifactRegistry.Processes;
using ArtifactRegistry.Registry;
using ArtifactRegistry.Tests.Processes;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Tests.Docker;

public sealed class DockerImagePushTests
{
    private const string Name = "127.0.0.1:5000/sample-project/sample/app:v1";
    // NUnit runs every test of a fixture on one instance: fresh state per test.
    private List<TimeSpan> _waits = [];
    private CapturingLogger _logger = new();

    [SetUp]
    public void ResetObservations()
    {
        _waits = [];
        _logger = new CapturingLogger();
    }

    private DockerImagePush Push(int maxAttempts, Func<string, Exception?>? explain = null) =>
        new(ProcessRunner.Default, _logger, LogLevel.Debug, new RetryPolicy { MaxAttempts = maxAttempts, InitialBackoff = TimeSpan.FromSeconds(1) })
        {
            Delay = (wait, _) =>
            {
                _waits.Add(wait);
                return Task.CompletedTask;
            },
            ExplainRefusal = explain ?? (_ => null),
        };

    [Test]
    public async Task A_push_that_meets_a_503_twice_is_tried_again_with_growing_waits_and_succeeds()
    {
        using var docker = new FakeDockerPush(failures: 2, "received unexpected HTTP status: 503 Service Unavailable");

        var outcome = await Push(maxAttempts: 4).RunAsync(docker.Client, Name, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(docker.Runs, Is.EqualTo(3));
            Assert.That(outcome.Attempts, Is.EqualTo(3));
            Assert.That(outcome.Digest!.ToString(), Is.EqualTo(FakeDockerPush.Digest));
            Assert.That(outcome.LayersPushed, Is.EqualTo(1));
            Assert.That(outcome.LayersAlreadyPresent, Is.EqualTo(1));
            // Doubling backoff with jitter: between half and all of 1 s, then of 2 s.
            Assert.That(_waits, Has.Count.EqualTo(2));
            Assert.That(_waits[0], Is.InRange(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)));
            Assert.That(_waits[1], Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
            Assert.That(_logger.AllText, Does.Contain("attempt 1 of 4").And.Contain("503 Service Unavailable"));
        });
    }

    [Test]
    public async Task A_refused_push_is_not_tried_again()
    {
        using var docker = new FakeDockerPush(failures: 5,
            "denied: Permission \"artifactregistry.repositories.uploadArtifacts\" denied on resource \"projects/p/locations/asia/repositories/r\" (or it may not exist)");

        var exception = await Assert.ThrowsAsync<DockerPushFailedException>(() => Push(maxAttempts: 4).RunAsync(docker.Client, Name, CancellationToken.None));

        Assert.That(docker.Runs, Is.EqualTo(1));
        Assert.That(_waits, Is.Empty);
        Assert.That(exception!.IsTransient, Is.False);
        Assert.That(exception.Message, Does.Contain("uploadArtifacts"));
    }

    [Test]
    public async Task A_refusal_the_registry_side_can_explain_is_thrown_as_that_explanation()
    {
        using var docker = new FakeDockerPush(failures: 1, "name invalid: Missing image name");
        var explained = new InvalidOperationException("explained");

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Push(maxAttempts: 4, error => error.Contains("Missing image name") ? explained : null).RunAsync(docker.Client, Name, CancellationToken.None));

        Assert.That(exception, Is.SameAs(explained));
    }

    [Test]
    public async Task Transient_failures_that_outlast_the_attempts_fail_saying_how_often_it_was_tried()
    {
        using var docker = new FakeDockerPush(failures: 10, "Put \"http://127.0.0.1:5000/v2/p/r/app/manifests/v1\": read: connection reset by peer");

        var exception = await Assert.ThrowsAsync<DockerPushFailedException>(() => Push(maxAttempts: 3).RunAsync(docker.Client, Name, CancellationToken.None));

        Assert.That(docker.Runs, Is.EqualTo(3));
        Assert.That(exception!.IsTransient, Is.True);
        Assert.That(exception.Attempts, Is.EqualTo(3));
        Assert.That(exception.Message, Does.Contain("failed 3 times").And.Contain("connection reset by peer"));
        Assert.That(exception.Message, Does.Contain($"   > {docker.Program} push {Name}"), "the command to try by hand");
    }
}
