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
            Assert.That(answer.Header("Retry-After"), Is.EqualTo("1"));
        });
    }

    [Test]
    public async Task Server_errors_and_dropped_connections_reach_the_registry_protocol_too()
    {
        var token = await _sandbox.RegistryTokenAsync(SandboxPrincipals.Deployer);
        _sandbox.Server.Faults.FailNext(1, SandboxFault.ServerError, SandboxFaultScope.Registry);
        _sandbox.Server.Faults.FailNext(1, SandboxFault.Drop, SandboxFaultScope.Registry);

        var failed = await TagsListAsync(token);
        await Assert.ThrowsAsync<HttpRequestException>(() => TagsListAsync(token), "the connection is dropped without an answer");
        var served = await TagsListAsync(token);

        Assert.Multiple(() =>
        {
            Assert.That(failed.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(failed.RegistryError.Code, Is.EqualTo("UNAVAILABLE"));
            Assert.That(served.Status, Is.EqualTo(HttpStatusCode.OK), "only the queued faults are injected");
        });
    }

    private async Task<RestAnswer> TagsListAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Registry("v2/sample-project/sample/app/tags/list"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));
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
    public async Task Latency_holds_a_request_in_scope_at_least_that_long()
    {
        _sandbox.Server.Faults.Plan = SandboxFaultPlan.None.WithLatency(TimeSpan.FromMilliseconds(300)).WithScope(SandboxFaultScope.Rest);

        var watch = Stopwatch.StartNew();
        var answer = await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK), answer.ToString());
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290)));
    }

    [Test]
    public async Task Latency_spares_requests_out_of_scope_and_stops_when_the_plan_is_cleared()
    {
        // A latency no test outlives: the request it holds is still waiting when the others are long answered,
        // however slow the machine, and the generous bounds below fail only if latency reached where it must not.
        _sandbox.Server.Faults.Plan = SandboxFaultPlan.None.WithLatency(TimeSpan.FromMinutes(10)).WithScope(SandboxFaultScope.Rest);
        using var abandon = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Get, _sandbox.Api(Repo));
        request.Headers.Authorization = new("Bearer", _sandbox.Token(SandboxPrincipals.Deployer));
        var held = _sandbox.Http.SendAsync(request, abandon.Token);
        await WaitUntilAsync(() => _sandbox.Server.Counters[SandboxRoutes.RepositoriesGet] == 1);

        var registry = await _sandbox.RegistryAsync(HttpMethod.Get, "v2/", SandboxPrincipals.Deployer).WaitAsync(TimeSpan.FromMinutes(1));
        var stillHeld = !held.IsCompleted;
        _sandbox.Server.Faults.Clear();
        var afterClear = await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer).WaitAsync(TimeSpan.FromMinutes(1));
        await abandon.CancelAsync();

        Assert.Multiple(() =>
        {
            Assert.That(stillHeld, Is.True, "the REST request in scope was answered before its latency passed");
            Assert.That(registry.Status, Is.EqualTo(HttpStatusCode.OK), registry.ToString());
            Assert.That(afterClear.Status, Is.EqualTo(HttpStatusCode.OK), afterClear.ToString());
        });
        await Assert.ThrowsAsync<TaskCanceledException>(() => held);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(1))
                Assert.Fail("the condition did not hold within a minute");
            await Task.Delay(10);
        }
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
    public void A_plan_with_an_impossible_share_is_refused_and_the_plan_in_force_is_kept()
    {
        var kept = SandboxFaultPlan.None.WithThrottling(0.2);
        _sandbox.Server.Faults.Plan = kept;

        var tooMuch = Assert.Throws<ArgumentException>(() => _sandbox.Server.Faults.Plan = SandboxFaultPlan.None.WithDroppedConnections(1.5));
        var overlapping = Assert.Throws<ArgumentException>(() => _sandbox.Server.Faults.Plan = SandboxFaultPlan.None.WithThrottling(0.5).WithServerErrors(0.7));

        Assert.Multiple(() =>
        {
            Assert.That(tooMuch!.Message, Is.EqualTo("The drop share is 1.5, but a share is a fraction of requests from 0 to 1, like 0.1 for 10 %."));
            Assert.That(overlapping!.Message, Does.StartWith("The throttle, server error and drop shares add up to 1.2"));
            Assert.That(_sandbox.Server.Faults.Plan, Is.EqualTo(kept));
        });
    }

    [Test]
    public async Task An_impossible_plan_at_start_fails_the_start()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            SandboxServer.StartAsync(new SandboxOptions().WithFaults(SandboxFaultPlan.None.WithServerErrors(0.1, status: 404))));

        Assert.That(error!.Message, Does.Contain("server error status is 404, but it must be a 5xx status"));
    }

    [Test]
    public void A_plan_describes_itself_for_the_startup_log()
    {
        var plan = SandboxFaultPlan.None.WithLatency(TimeSpan.FromMilliseconds(50)).WithThrottling(0.1, TimeSpan.FromSeconds(2))
            .WithServerErrors(0.05).WithDroppedConnections(0.01).WithScope(SandboxFaultScope.Rest);

        Assert.Multiple(() =>
        {
            Assert.That(plan.ToString(), Is.EqualTo("latency 50 ms, 10 % throttled (429, Retry-After 2 s), 5 % 503, 1 % dropped; scope Rest"));
            Assert.That(SandboxFaultPlan.None.ToString(), Is.EqualTo("none"));
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
