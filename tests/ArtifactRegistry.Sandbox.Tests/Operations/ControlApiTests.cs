using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ArtifactRegistry.Sandbox.Tests.Support;

namespace ArtifactRegistry.Sandbox.Tests.Operations;

/// <summary>The control API over HTTP (<c>/sandbox/v1/faults</c>, <c>/sandbox/v1/counters</c>), as a test drives a sandbox process.</summary>
public class ControlApiTests
{
    private const string Repo = "v1/" + TestSandbox.RepositoryResource;
    private TestSandbox _sandbox = null!;

    [SetUp]
    public async Task Start() => _sandbox = await TestSandbox.StartAsync();

    [TearDown]
    public async Task Stop() => await _sandbox.DisposeAsync();

    [Test]
    public async Task A_plan_put_over_http_throttles_the_next_rest_calls_with_its_retry_after_and_leaves_other_scopes_alone()
    {
        var put = await ControlAsync(HttpMethod.Put, "faults", """{"throttleShare":1,"retryAfter":"3s","scope":["Rest"]}""");

        var first = await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);
        var second = await _sandbox.GetAsync("v1/projects/sample-project/locations", SandboxPrincipals.Deployer);
        var tokenInfo = await RestAnswer.ReadAsync(await _sandbox.Http.GetAsync(_sandbox.Api("tokeninfo?access_token=" + _sandbox.Token(SandboxPrincipals.Deployer))));

        Assert.Multiple(() =>
        {
            Assert.That(put.Status, Is.EqualTo(HttpStatusCode.OK), put.ToString());
            Assert.That(put.Json["throttleShare"]!.GetValue<double>(), Is.EqualTo(1));
            Assert.That(put.Json["retryAfter"]!.GetValue<string>(), Is.EqualTo("3s"));
            Assert.That(_sandbox.Server.Faults.Plan, Is.EqualTo(SandboxFaultPlan.None.WithThrottling(1, TimeSpan.FromSeconds(3)).WithScope(SandboxFaultScope.Rest)));
            foreach (var answer in new[] { first, second })
            {
                Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.TooManyRequests), answer.ToString());
                Assert.That(answer.GoogleError.Status, Is.EqualTo("RESOURCE_EXHAUSTED"));
                Assert.That(answer.Header("Retry-After"), Is.EqualTo("3"));
            }

            Assert.That(tokenInfo.Status, Is.EqualTo(HttpStatusCode.OK), "the token endpoints are outside the Rest scope");
        });
    }

    [Test]
    public async Task A_plan_of_server_errors_answers_its_status_and_a_plan_of_drops_closes_the_connection()
    {
        await ControlAsync(HttpMethod.Put, "faults", """{"serverErrorShare":1,"serverErrorStatus":500}""");
        var failed = await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);
        await ControlAsync(HttpMethod.Put, "faults", """{"dropShare":1,"scope":"rest"}""");

        Assert.That(failed.GoogleError, Is.EqualTo((500, "INTERNAL", "Internal error encountered.")));
        await Assert.ThrowsAsync<HttpRequestException>(() => _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer), "the connection is dropped without an answer");
    }

    [Test]
    public async Task Deleting_the_faults_clears_the_plan_and_the_queued_faults()
    {
        await ControlAsync(HttpMethod.Put, "faults", """{"throttleShare":1,"latency":"10ms"}""");
        _sandbox.Server.Faults.FailNext(1, SandboxFault.ServerError);

        var deleted = await ControlAsync(HttpMethod.Delete, "faults");
        var served = await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);
        var read = await ControlAsync(HttpMethod.Get, "faults");

        Assert.Multiple(() =>
        {
            Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.OK), deleted.ToString());
            Assert.That(served.Status, Is.EqualTo(HttpStatusCode.OK), served.ToString());
            Assert.That(_sandbox.Server.Faults.Plan.IsNone, Is.True);
            Assert.That(read.Text, Is.EqualTo(deleted.Text));
            Assert.That(read.Json["throttleShare"]!.GetValue<double>(), Is.Zero);
            Assert.That(read.Json["latency"]!.GetValue<string>(), Is.EqualTo("0s"));
            Assert.That(read.Json["scope"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "Rest", "Registry", "Token", "Cluster" }));
        });
    }

    [Test]
    public async Task The_counters_report_each_route_and_the_injected_faults_without_counting_their_own_reads()
    {
        await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);
        await _sandbox.GetAsync(Repo, SandboxPrincipals.Viewer);
        await _sandbox.GetAsync("v1/projects/sample-project/locations", SandboxPrincipals.Deployer);
        _sandbox.Server.Faults.FailNext(1, SandboxFault.Throttle, SandboxFaultScope.Rest);
        await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);

        var first = await ControlAsync(HttpMethod.Get, "counters");
        var second = await ControlAsync(HttpMethod.Get, "counters");

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.ToString());
            Assert.That(first.Json["routes"]![SandboxRoutes.RepositoriesGet]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(first.Json["routes"]![SandboxRoutes.LocationsList]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(first.Json["total"]!.GetValue<long>(), Is.EqualTo(4));
            Assert.That(first.Json["injectedFaults"]!["throttle"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(second.Text, Is.EqualTo(first.Text), "reading the counters does not change them");
        });
    }

    [Test]
    public async Task The_control_api_is_never_faulted_even_by_a_plan_that_drops_and_delays_everything()
    {
        // A latency no test outlives, so the bound below is generous however loaded the machine is.
        _sandbox.Server.Faults.Plan = SandboxFaultPlan.None.WithDroppedConnections(1).WithLatency(TimeSpan.FromMinutes(10));

        var watch = Stopwatch.StartNew();
        var read = await ControlAsync(HttpMethod.Get, "faults");
        var counters = await ControlAsync(HttpMethod.Get, "counters");
        var cleared = await ControlAsync(HttpMethod.Delete, "faults");
        var elapsed = watch.Elapsed;
        var served = await _sandbox.GetAsync(Repo, SandboxPrincipals.Deployer);

        Assert.Multiple(() =>
        {
            Assert.That(read.Json["dropShare"]!.GetValue<double>(), Is.EqualTo(1));
            Assert.That(counters.Status, Is.EqualTo(HttpStatusCode.OK), counters.ToString());
            Assert.That(cleared.Status, Is.EqualTo(HttpStatusCode.OK), cleared.ToString());
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromMinutes(1)), "the plan's latency is not applied to control calls");
            Assert.That(served.Status, Is.EqualTo(HttpStatusCode.OK), served.ToString());
            Assert.That(_sandbox.Server.Counters.Total, Is.EqualTo(1), "only the REST call is counted");
        });
    }

    [Test]
    public async Task Callers_without_an_admin_token_are_refused_and_change_nothing()
    {
        _sandbox.Server.Faults.Plan = SandboxFaultPlan.None.WithThrottling(0.5);

        var anonymous = await ControlAsync(HttpMethod.Delete, "faults", principal: null);
        var invalid = await SendAsync(HttpMethod.Put, "faults", "{}", new AuthenticationHeaderValue("Bearer", "ya29.not-a-sandbox-token"));
        var deployer = await ControlAsync(HttpMethod.Put, "faults", "{}", SandboxPrincipals.Deployer);
        var viewer = await ControlAsync(HttpMethod.Get, "counters", principal: SandboxPrincipals.Viewer);
        var afterwards = await ControlAsync(HttpMethod.Get, "faults");

        Assert.Multiple(() =>
        {
            Assert.That(anonymous.GoogleError.Code, Is.EqualTo(401));
            Assert.That(anonymous.GoogleError.Status, Is.EqualTo("UNAUTHENTICATED"));
            Assert.That(invalid.GoogleError.Code, Is.EqualTo(401));
            Assert.That(deployer.GoogleError.Code, Is.EqualTo(403));
            Assert.That(deployer.GoogleError.Message, Does.StartWith(SandboxPrincipals.Deployer + " may not use the sandbox control API")
                .And.Contain("roles/artifactregistry.admin").And.Contain("ARTIFACT_REGISTRY_SANDBOX_CONTROL_TOKEN"));
            Assert.That(viewer.GoogleError.Code, Is.EqualTo(403));
            Assert.That(afterwards.Json["throttleShare"]!.GetValue<double>(), Is.EqualTo(0.5), "the refused calls changed nothing");
        });
    }

    [TestCase("""{"throttle":0.1}""", "unknown field \"throttle\"")]
    [TestCase("""{"throttleShare":1.5}""", "The throttle share is 1.5, but a share is a fraction of requests from 0 to 1")]
    [TestCase("""{"throttleShare":0.6,"dropShare":0.6}""", "add up to 1.2")]
    [TestCase("""{"latency":50}""", "\"latency\" is 50, which is not a duration")]
    [TestCase("""{"serverErrorShare":0.1,"serverErrorStatus":404}""", "must be a 5xx status")]
    [TestCase("""{"scope":["Rest","Disk"]}""", "give a list of Rest, Registry, Token and Cluster")]
    [TestCase("""[]""", "must be a JSON object")]
    public async Task An_invalid_plan_is_refused_with_what_is_wrong_and_the_plan_in_force_is_kept(string body, string message)
    {
        _sandbox.Server.Faults.Plan = SandboxFaultPlan.None.WithLatency(TimeSpan.FromMilliseconds(1));

        var refused = await ControlAsync(HttpMethod.Put, "faults", body);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest), refused.ToString());
            Assert.That(refused.GoogleError.Status, Is.EqualTo("INVALID_ARGUMENT"));
            Assert.That(refused.GoogleError.Message, Does.Contain(message));
            Assert.That(_sandbox.Server.Faults.Plan, Is.EqualTo(SandboxFaultPlan.None.WithLatency(TimeSpan.FromMilliseconds(1))));
        });
    }

    [Test]
    public async Task An_unknown_control_call_is_answered_with_the_calls_there_are()
    {
        var answer = await ControlAsync(HttpMethod.Post, "faults", "{}");

        Assert.That(answer.GoogleError.Code, Is.EqualTo(404));
        Assert.That(answer.GoogleError.Message, Does.Contain("GET, PUT and DELETE /sandbox/v1/faults and GET /sandbox/v1/counters"));
    }

    private Task<RestAnswer> ControlAsync(HttpMethod method, string resource, string? body = null, string? principal = SandboxPrincipals.Admin) =>
        SendAsync(method, resource, body, principal is null ? null : new AuthenticationHeaderValue("Bearer", _sandbox.Token(principal)));

    private async Task<RestAnswer> SendAsync(HttpMethod method, string resource, string? body, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(method, new Uri(_sandbox.Server.ControlEndpoint, resource));
        request.Headers.Authorization = authorization;
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return await RestAnswer.ReadAsync(await _sandbox.Http.SendAsync(request));
    }
}
