using System.Diagnostics.Contracts;

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

    All = Rest | Registry | Token,
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
