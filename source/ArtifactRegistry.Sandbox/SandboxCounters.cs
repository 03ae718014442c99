using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ArtifactRegistry.Sandbox;

/// <summary>Requests received per route id (see <see cref="SandboxRoutes"/>), counted before any fault is injected.</summary>
public sealed class SandboxCounters
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);

    public long this[string route] => _counts.TryGetValue(route, out var box) ? Interlocked.Read(ref box.Value) : 0;

    public long Total => _counts.Values.Sum(b => Interlocked.Read(ref b.Value));

    /// <summary>The sum over every route whose id starts with <paramref name="prefix"/> (for example <c>"v2:"</c>).</summary>
    public long WithPrefix(string prefix) =>
        _counts.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => Interlocked.Read(ref c.Value.Value));

    public IReadOnlyDictionary<string, long> Snapshot() =>
        _counts.ToDictionary(c => c.Key, c => Interlocked.Read(ref c.Value.Value), StringComparer.Ordinal);

    public void Reset()
    {
        foreach (var box in _counts.Values)
            Interlocked.Exchange(ref box.Value, 0);
    }

    internal void Increment(string route) =>
        Interlocked.Increment(ref _counts.GetOrAdd(route, static _ => new StrongBox<long>()).Value);
}
