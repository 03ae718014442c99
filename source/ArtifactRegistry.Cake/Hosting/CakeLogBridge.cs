using Cake.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using CakeLevel = Cake.Core.Diagnostics.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ArtifactRegistry.Cake.Hosting;

/// <summary>
/// The library's operations log through <see cref="ILogger"/>; a Cake script logs through <see cref="ICakeLog"/>. This forwards
/// one to the other at the verbosity a Cake user expects: the steps at Normal, docker's own lines at Verbose, the
/// library's diagnostics at Diagnostic, so <c>--verbosity</c> decides what appears.
/// </summary>
internal sealed class CakeLogBridge(ICakeLog log) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && Map(logLevel).Verbosity <= log.Verbosity;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        var (verbosity, level) = Map(logLevel);
        // The text is already formatted (and its secrets already redacted); as Cake's format string its braces would be re-parsed.
        log.Write(verbosity, level, "{0}", formatter(state, exception));
    }

    /// <summary>The verbosity from which a line shows, and the level it shows with.</summary>
    internal static (Verbosity Verbosity, CakeLevel Level) Map(LogLevel level) => level switch
    {
        LogLevel.Trace => (Verbosity.Diagnostic, CakeLevel.Debug),
        LogLevel.Debug => (Verbosity.Verbose, CakeLevel.Verbose),
        LogLevel.Information => (Verbosity.Normal, CakeLevel.Information),
        LogLevel.Warning => (Verbosity.Minimal, CakeLevel.Warning),
        LogLevel.Error => (Verbosity.Quiet, CakeLevel.Error),
        _ => (Verbosity.Quiet, CakeLevel.Fatal),
    };
}
