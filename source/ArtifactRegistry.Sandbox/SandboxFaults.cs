namespace ArtifactRegistry.Sandbox;

/// <summary>
/// Run-time fault injection: a plan of shares and latency, plus exact "fail the next N requests" queues for tests that
/// must not depend on chance.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private readonly Queue<(SandboxFault Fault, SandboxFaultScope Scope, string? RoutePrefix)> _next = new();
    private readonly long[] _injected = new long[3];
    private volatile SandboxFaultPlan _plan;
    private Random _random;
    private volatile bool _hasQueued;

    internal SandboxFaults(SandboxFaultPlan initial)
    {
        initial.Validate();
        _plan = initial;
        _random = initial.RandomSeed is { } seed ? new Random(seed) : Random.Shared;
    }

    /// <summary>The plan in force; setting a plan that <see cref="SandboxFaultPlan.Validate"/> refuses throws and keeps the old one.</summary>
    public SandboxFaultPlan Plan
    {
        get => _plan;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            lock (_gate)
            {
                _plan = value;
                _random = value.RandomSeed is { } seed ? new Random(seed) : Random.Shared;
            }
        }
    }

    public void Update(Func<SandboxFaultPlan, SandboxFaultPlan> change) => Plan = change(Plan);

    /// <summary>Stops every fault, queued ones included.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _next.Clear();
            _hasQueued = false;
        }

        Plan = SandboxFaultPlan.None;
    }

    /// <summary>The next <paramref name="count"/> requests in <paramref name="scope"/> (and under <paramref name="routePrefix"/>) get <paramref name="fault"/>.</summary>
    public void FailNext(int count, SandboxFault fault, SandboxFaultScope scope = SandboxFaultScope.All, string? routePrefix = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
                _next.Enqueue((fault, scope, routePrefix));
            _hasQueued = _next.Count > 0;
        }
    }

    /// <summary>How many faults of a kind have been injected so far.</summary>
    public long Injected(SandboxFault fault) => Interlocked.Read(ref _injected[(int)fault]);

    internal (SandboxFault? Fault, SandboxFaultPlan Plan) Draw(SandboxFaultScope scope, string route)
    {
        var plan = _plan;
        if (_hasQueued)
        {
            lock (_gate)
            {
                if (_next.TryPeek(out var queued) && (queued.Scope & scope) != 0 && (queued.RoutePrefix is null || route.StartsWith(queued.RoutePrefix, StringComparison.Ordinal)))
                {
                    _next.Dequeue();
                    _hasQueued = _next.Count > 0;
                    return (Count(queued.Fault), plan);
                }
            }
        }

        if (plan.IsNone || (plan.Scope & scope) == 0 || plan.RoutePrefix is not null && !route.StartsWith(plan.RoutePrefix, StringComparison.Ordinal))
            return (null, plan);
        double draw;
        lock (_gate)
            draw = _random.NextDouble();
        if (draw < plan.DropShare)
            return (Count(SandboxFault.Drop), plan);
        if (draw < plan.DropShare + plan.ThrottleShare)
            return (Count(SandboxFault.Throttle), plan);
        if (draw < plan.DropShare + plan.ThrottleShare + plan.ServerErrorShare)
            return (Count(SandboxFault.ServerError), plan);
        return (null, plan);
    }

    internal bool AppliesLatency(SandboxFaultPlan plan, SandboxFaultScope scope, string route) =>
        plan.Latency > TimeSpan.Zero && (plan.Scope & scope) != 0 && (plan.RoutePrefix is null || route.StartsWith(plan.RoutePrefix, StringComparison.Ordinal));

    private SandboxFault Count(SandboxFault fault)
    {
        Interlocked.Increment(ref _injected[(int)fault]);
        return fault;
    }
}
