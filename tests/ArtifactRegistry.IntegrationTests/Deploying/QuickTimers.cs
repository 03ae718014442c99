using System.Collections.Concurrent;

namespace ArtifactRegistry.IntegrationTests.Deploying;

/// <summary>
/// The operation's clock with every timer running <c>factor</c> times faster: retry waits and the rollout deadline shrink
/// alike, so a test under faults is short and honours Retry-After all the same. Records each wait asked for, unshortened.
/// Wall-clock time and timestamps stay real.
/// </summary>
internal sealed class QuickTimers(int factor) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>The due times asked for, as the code under test asked for them.</summary>
    public IReadOnlyCollection<TimeSpan> Waits => _waits;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new Quick(System.CreateTimer(callback, state, Shorten(dueTime), Shorten(period)), this);
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
            _waits.Enqueue(dueTime);
    }

    private TimeSpan Shorten(TimeSpan span) => span == Timeout.InfiniteTimeSpan ? span : span / factor;

    private sealed class Quick(ITimer inner, QuickTimers owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Record(dueTime);
            return inner.Change(owner.Shorten(dueTime), owner.Shorten(period));
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
