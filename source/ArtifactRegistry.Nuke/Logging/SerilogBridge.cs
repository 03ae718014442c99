using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace ArtifactRegistry.Nuke.Logging;

/// <summary>
/// The library's operations log through <see cref="ILogger"/>; NUKE builds log through Serilog's static <c>Log</c>.
/// This forwards one to the other, so each step appears in the build output like NUKE's own lines.
/// </summary>
internal sealed class SerilogBridge : ILogger
{
    public static ILogger Instance { get; } = new SerilogBridge();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && Serilog.Log.IsEnabled(Level(logLevel));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        // The text is already formatted (and never carries a secret); passing it as the template would re-parse its braces.
        Serilog.Log.Write(Level(logLevel), exception, "{Message:l}", formatter(state, exception));
    }

    private static LogEventLevel Level(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
