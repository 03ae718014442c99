using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Nuke.Common.Logging;

/// <summary>
/// Points Serilog's static <see cref="Log"/> (what NUKE and the build's own code log through) at the build output for
/// the duration of a run, and puts the previous logger back afterwards.
/// </summary>
internal sealed class BuildLogging : IDisposable
{
    private readonly ILogger _previous;

    private BuildLogging(BuildOutput output)
    {
        _previous = Log.Logger;
        Level = new LoggingLevelSwitch(LogEventLevel.Debug);
        Sink = new BuildLogSink(output);
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(Level)
            .WriteTo.Sink(Sink)
            .CreateLogger();
    }

    public LoggingLevelSwitch Level { get; }

    public BuildLogSink Sink { get; }

    public static BuildLogging Install(BuildOutput output) => new(output);

    public void Dispose()
    {
        (Log.Logger as IDisposable)?.Dispose();
        Log.Logger = _previous;
    }
}
