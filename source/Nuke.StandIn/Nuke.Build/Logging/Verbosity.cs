using Serilog.Events;

namespace Nuke.Common.Logging;

/// <summary>The <c>--verbosity</c> levels, as in NUKE; process output is logged at Debug and shown from Normal on.</summary>
internal enum Verbosity
{
    Verbose,
    Normal,
    Minimal,
    Quiet
}

internal static class VerbosityExtensions
{
    public static LogEventLevel ToLogEventLevel(this Verbosity verbosity) => verbosity switch
    {
        Verbosity.Verbose => LogEventLevel.Verbose,
        Verbosity.Normal => LogEventLevel.Debug,
        Verbosity.Minimal => LogEventLevel.Information,
        _ => LogEventLevel.Warning
    };
}
