using System.Diagnostics;
using ArtifactRegistry.Sandbox.Cluster.Store;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>An object a controller should look at again: a deployment, a replica set or a pod (namespace/name).</summary>
internal readonly record struct WorkItem(ResourceType Type, string Key);

/// <summary>
/// The one thread the controllers and the kubelet run on: a de-duplicated queue of objects to reconcile, filled by store
/// changes and by timers (back-off, readiness, progress deadlines). One thread means the controllers never race each other;
/// the API's writes race them only through the store, whose updates retry on the latest version.
/// </summary>
internal sealed class ControlLoop : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<WorkItem> _pending = [];
    private readonly Queue<WorkItem> _queue = new();
    private readonly PriorityQueue<WorkItem, long> _timers = new();
    private readonly Dictionary<WorkItem, long> _timerDue = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<WorkItem, Task> _handle;
    private readonly Action<string>? _log;
    private Task? _loop;
    private long _processed;

    public ControlLoop(Func<WorkItem, Task> handle, Action<string>? log)
    {
        _handle = handle;
        _log = log;
    }

    /// <summary>How many work items have been handled (tests and the benchmark wait on quiet periods with it).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>True when nothing is queued (timers may still be set).</summary>
    public bool IsIdle
    {
        get
        {
            lock (_gate)
                return _pending.Count == 0;
        }
    }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public void Enqueue(WorkItem item)
    {
        lock (_gate)
        {
            if (!_pending.Add(item))
                return;
            _queue.Enqueue(item);
        }

        Wake();
    }

    public void EnqueueAfter(WorkItem item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(item);
            return;
        }

        var due = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        lock (_gate)
        {
            // One timer per object is enough: the earliest; a later look is asked for again when that one runs.
            if (_timerDue.TryGetValue(item, out var existing) && existing <= due)
                return;
            _timerDue[item] = due;
            _timers.Enqueue(item, due);
        }

        Wake();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // A handler that was mid-work (a pull reading a blob) ends with the stop it was asked for: that is the stop, not a failure.
            }
        }
        _stop.Dispose();
        _signal.Dispose();
    }

    // Extra wake-ups only make the loop look again; a missed one would leave work waiting, so release generously.
    private void Wake()
    {
        if (_signal.CurrentCount < 2)
            _signal.Release();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = MoveDueTimers();
            WorkItem item;
            var found = false;
            lock (_gate)
            {
                if (_queue.TryDequeue(out item))
                {
                    _pending.Remove(item);
                    found = true;
                }
            }

            if (found)
            {
                try
                {
                    await _handle(item).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A controller bug must not stop the cluster: say so and look at the object again a little later.
                    _log?.Invoke($"sandbox cluster: reconciling {item.Type.Plural} {item.Key} failed: {e}");
                    EnqueueAfter(item, TimeSpan.FromSeconds(1));
                }

                Interlocked.Increment(ref _processed);
                continue;
            }

            try
            {
                await _signal.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Queues the timers that are due; returns how long until the next one.</summary>
    private TimeSpan MoveDueTimers()
    {
        var now = Stopwatch.GetTimestamp();
        var due = new List<WorkItem>();
        TimeSpan wait;
        lock (_gate)
        {
            while (_timers.TryPeek(out var item, out var at) && at <= now)
            {
                _timers.Dequeue();
                if (_timerDue.TryGetValue(item, out var current) && current == at)
                {
                    _timerDue.Remove(item);
                    due.Add(item);
                }
            }

            wait = _timers.TryPeek(out _, out var next)
                ? TimeSpan.FromSeconds((double)(next - now) / Stopwatch.Frequency)
                : Timeout.InfiniteTimeSpan;
        }

        foreach (var item in due)
            Enqueue(item);
        return wait;
    }
}
