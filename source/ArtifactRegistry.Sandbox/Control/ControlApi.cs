using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Rest;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Control;

/// <summary>
/// The sandbox's own API on the API port, under a path Google never uses, for a sandbox run as a process:
/// <c>GET/PUT/DELETE /sandbox/v1/faults</c> reads, replaces or clears the fault plan (JSON of <see cref="FaultPlanJson"/>;
/// every answer is the plan in force), <c>GET /sandbox/v1/counters</c> reads the per-route request counters.
/// Its requests are neither counted nor faulted: reading the counters must not change them, and a plan that drops every
/// request must still be removable.
/// </summary>
internal static class ControlApi
{
    public const string PathPrefix = "/sandbox/v1/";

    public static async Task HandleAsync(HttpContext http, string path, SandboxServices services)
    {
        try
        {
            var method = http.Request.Method;
            Func<HttpContext, SandboxServices, Task>? handler = path[PathPrefix.Length..] switch
            {
                "faults" when HttpMethods.IsGet(method) => (h, s) => WritePlanAsync(h, s.Faults.Plan),
                "faults" when HttpMethods.IsPut(method) => ReplacePlanAsync,
                "faults" when HttpMethods.IsDelete(method) => ClearPlanAsync,
                "counters" when HttpMethods.IsGet(method) => WriteCountersAsync,
                _ => null,
            };
            if (handler is null)
                throw GoogleApiException.NotFound(
                    $"The sandbox control API has no {method} {path}; it serves GET, PUT and DELETE {PathPrefix}faults and GET {PathPrefix}counters.");
            Authorize(http, services);
            await handler(http, services).ConfigureAwait(false);
        }
        catch (GoogleApiException e) when (!http.Response.HasStarted)
        {
            await GoogleErrorBody.WriteAsync(http, e).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Only a principal that administers Artifact Registry in one of the sandbox's projects may use the control API, the
    /// seeded <see cref="SandboxPrincipals.Admin"/> for one. The client under test runs with its own (deployer) token, so
    /// a client that calls the wrong URL, or a retry loop that "helpfully" resets things, cannot switch off the faults the
    /// test is about or skew the counters it reads; the test holds the admin token and stays in charge.
    /// </summary>
    public static bool MayControl(Caller caller, SandboxServices services) =>
        services.Store.ProjectPolicies().Values.Any(policy => Authorizer.Grants(policy, caller, Permissions.ProjectSettingsUpdate));

    private static void Authorize(HttpContext http, SandboxServices services)
    {
        var caller = RestRouter.Authenticate(http, services);
        if (!MayControl(caller, services))
            throw new GoogleApiException(403, "PERMISSION_DENIED",
                $"{caller} may not use the sandbox control API: it takes the token of a principal holding roles/artifactregistry.admin on a " +
                $"sandbox project, like {SandboxPrincipals.Admin}. A sandbox run by ./build.sh Sandbox writes one to its env file as ARTIFACT_REGISTRY_SANDBOX_CONTROL_TOKEN.");
    }

    private static async Task ReplacePlanAsync(HttpContext http, SandboxServices services)
    {
        using var body = await JsonBody.ReadAsync(http.Request, http.RequestAborted).ConfigureAwait(false)
            ?? throw GoogleApiException.InvalidArgument("PUT /sandbox/v1/faults takes the plan as a JSON body, like {\"throttleShare\":0.1,\"retryAfter\":\"2s\"}; {} means no faults.");
        var plan = FaultPlanJson.Read(body.RootElement);
        services.Faults.Plan = plan;
        await WritePlanAsync(http, plan).ConfigureAwait(false);
    }

    private static Task ClearPlanAsync(HttpContext http, SandboxServices services)
    {
        services.Faults.Clear();
        return WritePlanAsync(http, services.Faults.Plan);
    }

    private static Task WritePlanAsync(HttpContext http, SandboxFaultPlan plan) => http.JsonAsync(200, w => FaultPlanJson.Write(w, plan));

    private static Task WriteCountersAsync(HttpContext http, SandboxServices services)
    {
        var routes = services.Counters.Snapshot();
        return http.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("total", routes.Values.Sum());
            w.WriteStartObject("routes");
            foreach (var (route, count) in routes.OrderBy(r => r.Key, StringComparer.Ordinal))
                w.WriteNumber(route, count);
            w.WriteEndObject();
            w.WriteStartObject("injectedFaults");
            w.WriteNumber("throttle", services.Faults.Injected(SandboxFault.Throttle));
            w.WriteNumber("serverError", services.Faults.Injected(SandboxFault.ServerError));
            w.WriteNumber("drop", services.Faults.Injected(SandboxFault.Drop));
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
