using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Tests.Processes;

/// <summary>Keeps every formatted log entry (and its exception) so tests can scan all that was logged.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly List<(LogLevel Level, string Text)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Text)> Entries
    {
        get { lock (_entries) return _entries.ToArray(); }
    }

    public string AllText => string.Join("\n", Entries.Select(entry => entry.Text));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var text = formatter(state, exception) + (exception is null ? "" : "\n" + exception);
        if (state is IEnumerable<KeyValuePair<string, object?>> properties)
            text += "\n" + string.Join("\n", properties.Select(property => $"{property.Key}={property.Value}"));
        lock (_entries)
            _entries.Add((logLevel, text));
    }
}
