using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Nuke.Common.Logging;

/// <summary>
/// Writes Serilog events into the build output (where secrets are masked) with NUKE's terminal template, through Serilog's own
/// formatter, and keeps the warnings and errors for the block NUKE repeats them in after the targets ran.
/// </summary>
internal sealed class BuildLogSink : ILogEventSink
{
    private static readonly MessageTemplateTextFormatter s_console = new(OutputTemplates.Timestamp, CultureInfo.InvariantCulture);

    private readonly BuildOutput _output;
    private readonly List<LogEvent> _errorsAndWarnings = [];

    public BuildLogSink(BuildOutput output)
    {
        _output = output;
    }

    public IReadOnlyList<LogEvent> ErrorsAndWarnings
    {
        get
        {
            lock (_errorsAndWarnings)
                return _errorsAndWarnings.ToList();
        }
    }

    public void Emit(LogEvent logEvent)
    {
        logEvent.AddOrUpdateProperty(new LogEventProperty(OutputTemplates.ExecutingTargetProperty, new ScalarValue(ExecutingTarget.Name)));
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        s_console.Format(logEvent, writer);
        _output.Write(writer.ToString());

        if (logEvent.Level >= LogEventLevel.Warning && !string.IsNullOrEmpty(logEvent.MessageTemplate.Text))
        {
            lock (_errorsAndWarnings)
                _errorsAndWarnings.Add(logEvent);
        }
    }
}
