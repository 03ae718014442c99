using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Benchmarks.Cache;

/// <summary>Keeps the Information lines of one run, where BuildAndPush says how many steps came from the cache.</summary>
internal sealed class LineLogger : ILogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return _lines.ToList();
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        lock (_lines)
            _lines.Add(formatter(state, exception));
    }
}
