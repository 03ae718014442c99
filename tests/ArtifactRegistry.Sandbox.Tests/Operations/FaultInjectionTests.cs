using System.Diagnostics;
using System.Net;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Operations;

public class FaultInjectionTests
{
    private const string Repo = "v1/projects/sample-project/locations/asia/repositories/sample";
    private TestSandbox _sandbox = null!;

    [SetUp]
    public async Task Start() => _sandbox = await TestSandbox.StartAsync();

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [Test]
    public async Task A_throttled_rest_call_answers_429_resource_exhausted_with_retry_after()
    {
        _sandbox.Server.Faults.FailNext(1, SandboxFault.Throttle, SandboxFaultScope.Rest);

        var throttled = await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);
        var next = await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(throttled.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(throttled.GoogleError.Status, Is.EqualTo("RESOURCE_EXHAUSTED"));
            Assert.That(throttled.Header("Retry-After"), Is.EqualTo("1"));
            Assert.That(next.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(_sandbox.Server.Faults.Injected(SandboxFault.Throttle), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_throttled_registry_call_answers_toomanyrequests_in_the_registry_shape()
    {
        var token = await _sandbox.RegistryTokenAsync(SandboxPrincipals.Deployer);
        _sandbox.Server.Faults.FailNext(1, SandboxFault.Throttle, SandboxFaultScope.Registry);
        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry("v2/sample-project/sample/app/tags/list"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var answer = await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));

        Assert.Multiple(() =>
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(answer.RegistryError.Code, Is.EqualTo("TOOMANYREQUESTS"));
        });
    }

    [Test]
    public async Task Server_errors_answer_503_unavailable_or_the_configured_status()
    {
        _sandbox.Server.Faults.FailNext(1, SandboxFault.ServerError);
        var unavailable = await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);
        _sandbox.Server.Faults.Plan = SandboxFaultPlan.None.WithServerErrors(1.0, 500).WithRoutePrefix(SandboxRoutes.RepositoriesGet);
        var internalError = await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);
        var otherRoute = await _sandbox.GetAsync("v1/projects/sample-project/locations", SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(unavailable.GoogleError, Is.EqualTo((503, "UNAVAILABLE", "The service is currently unavailable.")));
            Assert.That(internalError.GoogleError, Is.EqualTo((500, "INTERNAL", "Internal error encountered.")));
            Assert.That(otherRoute.Status, Is.EqualTo(HttpStatusCode.OK), "the plan only covers its route prefix");
        });
    }

    [Test]
    public async Task A_dropped_connection_closes_without_an_answer()
    {
        _sandbox.Server.Faults.FailNext(1, SandboxFault.Drop, SandboxFaultScope.Rest);

        await Assert.ThrowsAsync<HttpRequestException>(() => _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer));
    }

    [Test]
    public async Task Latency_delays_every_request_in_scope()
    {
        _sandbox.Server.Faults.Plan = SandboxFaultPlan.None.WithLatency(TimeSpan.FromMilliseconds(300)).WithScope(SandboxFaultScope.Rest);
        await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);

        var watch = Stopwatch.StartNew();
        await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);
        var slow = watch.Elapsed;
        _sandbox.Server.Faults.Clear();
        watch.Restart();
        await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);
        var fast = watch.Elapsed;

        Assert.Multiple(() =>
        {
            Assert.That(slow, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)));
            Assert.That(fast, Is.LessThan(TimeSpan.FromMilliseconds(250)));
        });
    }

    [Test]
    public async Task A_share_of_throttling_hits_about_that_share_of_requests_repeatably_with_a_seed()
    {
        async Task<int> ThrottledOutOf(int count)
        {
            _sandbox.Server.Faults.Plan = SandboxFaultPlan.None.WithThrottling(0.3).WithRandomSeed(42).WithScope(SandboxFaultScope.Rest);
            var throttled = 0;
            for (var i = 0; i < count; i++)
                if ((await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer)).Status == HttpStatusCode.TooManyRequests)
                    throttled++;
            return throttled;
        }

        var first = await ThrottledOutOf(200);
        var second = await ThrottledOutOf(200);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.InRange(40, 80));
            Assert.That(second, Is.EqualTo(first));
        });
    }

    [Test]
    public async Task Faults_configured_at_start_apply_from_the_first_request()
    {
        await using var sandbox = await TestSandbox.StartAsync(new SandboxOptions().WithFaults(SandboxFaultPlan.None.WithServerErrors(1.0).WithScope(SandboxFaultScope.Token)));

        var token = await RestAnswer.ReadAsync(await sandbox.Http.PostAsync(sandbox.Server.TokenUri, new FormUrlEncodedContent(new Dictionary<string, string>())));
        var rest = await sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(token.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(rest.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
