using System.Globalization;
using Nuke.Common.Parameters;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Nuke.Common.Logging;

/// <summary>
/// Renders Serilog events NUKE-style (<c>12:34:56 [INF] message</c>) into the build output, where secrets are masked.
/// Strings are rendered without quotes; an attached exception is printed after the message, a parameter's malformed
/// value (which says all there is to say) without its stack trace.
/// </summary>
internal sealed class BuildLogSink : ILogEventSink
{
    private readonly BuildOutput _output;

    public BuildLogSink(BuildOutput output)
    {
        _output = output;
    }

    public void Emit(LogEvent logEvent)
    {
        var message = RenderMessage(logEvent);
        if (logEvent.Exception != null)
            message += Environment.NewLine + (logEvent.Exception is ParameterException ? logEvent.Exception.Message : logEvent.Exception);

        var prefix = $"{logEvent.Timestamp.ToLocalTime():HH:mm:ss} [{LevelAbbreviation(logEvent.Level)}] ";
        _output.WriteLine(prefix + message);
    }

    private static string RenderMessage(LogEvent logEvent)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property &&
                logEvent.Properties.TryGetValue(property.PropertyName, out var value) &&
                value is ScalarValue { Value: string text })
            {
                writer.Write(text);
                continue;
            }

            token.Render(logEvent.Properties, writer, CultureInfo.InvariantCulture);
        }

        return writer.ToString();
    }

    private static string LevelAbbreviation(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "VRB",
        LogEventLevel.Debug => "DBG",
        LogEventLevel.Information => "INF",
        LogEventLevel.Warning => "WRN",
        LogEventLevel.Error => "ERR",
        _ => "FTL"
    };
}
