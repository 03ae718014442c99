using System.Diagnostics.Contracts;
using System.Globalization;

namespace ArtifactRegistry.Sandbox;

/// <summary>Which part of the sandbox a fault plan applies to.</summary>
[Flags]
public enum SandboxFaultScope
{
    /// <summary>Artifact Registry REST v1 (and the project IAM calls).</summary>
    Rest = 1,

    /// <summary>The Docker Registry v2 listeners, their token endpoint included.</summary>
    Registry = 2,

    /// <summary>OAuth token, tokeninfo, STS and IAM credentials endpoints.</summary>
    Token = 4,

    /// <summary>The cluster: its Kubernetes API and the GKE API calls (clusters.get, clusters.list).</summary>
    Cluster = 8,

    All = Rest | Registry | Token | Cluster,
}

/// <summary>A kind of injected fault.</summary>
public enum SandboxFault
{
    /// <summary>429 with <c>Retry-After</c> (RESOURCE_EXHAUSTED / TOOMANYREQUESTS).</summary>
    Throttle,

    /// <summary>A 5xx answer (503 UNAVAILABLE unless <see cref="SandboxFaultPlan.ServerErrorStatus"/> says otherwise).</summary>
    ServerError,

    /// <summary>The connection is closed without an answer.</summary>
    Drop,
}

/// <summary>
/// Faults to inject into requests: a fixed latency and shares (0..1) of throttled, failed and dropped requests.
/// Immutable; swap it at run time through <see cref="SandboxFaults"/>.
/// </summary>
public sealed record SandboxFaultPlan
{
    public static SandboxFaultPlan None { get; } = new();

    public TimeSpan Latency { get; init; }

    public double ThrottleShare { get; init; }

    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    public double ServerErrorShare { get; init; }

    public int ServerErrorStatus { get; init; } = 503;

    public double DropShare { get; init; }

    public SandboxFaultScope Scope { get; init; } = SandboxFaultScope.All;

    /// <summary>Only routes whose id (see <see cref="SandboxRoutes"/>) starts with this prefix; null means every route in <see cref="Scope"/>.</summary>
    public string? RoutePrefix { get; init; }

    /// <summary>Seed of the random draw, so a benchmark's fault pattern is repeatable; null draws from a shared generator.</summary>
    public int? RandomSeed { get; init; }

    public bool IsNone => Latency <= TimeSpan.Zero && ThrottleShare <= 0 && ServerErrorShare <= 0 && DropShare <= 0;

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> saying what is wrong when a share lies outside 0..1, the shares add up to
    /// more than 1, a duration is negative or the server error status is not a 5xx.
    /// </summary>
    public void Validate()
    {
        RequireShare(ThrottleShare, "throttle share");
        RequireShare(ServerErrorShare, "server error share");
        RequireShare(DropShare, "drop share");
        var sum = ThrottleShare + ServerErrorShare + DropShare;
        if (sum > 1 + 1e-9)
            throw new ArgumentException(
                $"The throttle, server error and drop shares add up to {Number(sum)}, but together they can cover at most every request (1): lower one of them.");
        if (Latency < TimeSpan.Zero)
            throw new ArgumentException($"The latency is {Latency}, but a latency cannot be negative: give 0 for none, or a duration like 50ms.");
        if (RetryAfter < TimeSpan.Zero)
            throw new ArgumentException($"The Retry-After is {RetryAfter}, but it cannot be negative: give a duration like 2s.");
        if (ServerErrorStatus is < 500 or > 599)
            throw new ArgumentException($"The server error status is {ServerErrorStatus}, but it must be a 5xx status, like 503 (unavailable) or 500 (internal).");
        if ((Scope & ~SandboxFaultScope.All) != 0 || Scope == 0)
            throw new ArgumentException($"The fault scope is {(int)Scope}, but it must name at least one of Rest, Registry, Token, Cluster (or All).");
    }

    /// <summary>For logs: <c>none</c>, or e.g. <c>latency 50 ms, 10 % throttled (Retry-After 2 s), 5 % 503, 1 % dropped; scope Rest</c>.</summary>
    public override string ToString()
    {
        if (IsNone)
            return "none";
        var parts = new List<string>();
        if (Latency > TimeSpan.Zero)
            parts.Add($"latency {Number(Latency.TotalMilliseconds)} ms");
        if (ThrottleShare > 0)
            parts.Add($"{Percent(ThrottleShare)} throttled (429, Retry-After {Number(RetryAfter.TotalSeconds)} s)");
        if (ServerErrorShare > 0)
            parts.Add($"{Percent(ServerErrorShare)} {ServerErrorStatus}");
        if (DropShare > 0)
            parts.Add($"{Percent(DropShare)} dropped");
        var where = $"scope {Scope}" + (RoutePrefix is null ? "" : $", routes {RoutePrefix}*") + (RandomSeed is { } seed ? $", seed {seed}" : "");
        return string.Join(", ", parts) + "; " + where;
    }

    private static void RequireShare(double share, string name)
    {
        if (!(share is >= 0 and <= 1))
            throw new ArgumentException($"The {name} is {Number(share)}, but a share is a fraction of requests from 0 to 1, like 0.1 for 10 %.");
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    [Pure]
    public SandboxFaultPlan WithLatency(TimeSpan latency) => this with { Latency = latency };

    [Pure]
    public SandboxFaultPlan WithThrottling(double share, TimeSpan? retryAfter = null) =>
        this with { ThrottleShare = share, RetryAfter = retryAfter ?? RetryAfter };

    [Pure]
    public SandboxFaultPlan WithServerErrors(double share, int status = 503) => this with { ServerErrorShare = share, ServerErrorStatus = status };

    [Pure]
    public SandboxFaultPlan WithDroppedConnections(double share) => this with { DropShare = share };

    [Pure]
    public SandboxFaultPlan WithScope(SandboxFaultScope scope) => this with { Scope = scope };

    [Pure]
    public SandboxFaultPlan WithRoutePrefix(string? prefix) => this with { RoutePrefix = prefix };

    [Pure]
    public SandboxFaultPlan WithRandomSeed(int? seed) => this with { RandomSeed = seed };
}
