using System.Text;
using CliWrap;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Processes;

/// <summary>Takes the lines CliWrap reads from one output stream of a program into its handler, the log, the buffer and the tail.</summary>
internal sealed class OutputLineSink(
    Action<string>? handler,
    bool buffers,
    ILogger logger,
    LogLevel logLevel,
    SecretRedactor redactor,
    object handlerGate,
    Action<Exception> onHandlerFailure)
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly StringBuilder? _buffer = buffers ? new StringBuilder() : null;
    private readonly bool _logs = logLevel != LogLevel.None && logger.IsEnabled(logLevel);
    private bool _handlerFailed;

    public OutputTail Tail { get; } = new(ProcessFailureContext.TailLineCount);

    public string Text => _buffer?.ToString() ?? "";

    public PipeTarget Target => PipeTarget.ToDelegate(Take, Utf8);

    private void Take(string line)
    {
        _buffer?.Append(line).Append('\n');
        Tail.Add(line);
        if (_handlerFailed || (handler is null && !_logs))
            return;
        try
        {
            lock (handlerGate)
            {
                handler?.Invoke(line);
                if (_logs)
                    logger.Log(logLevel, "{Line}", redactor.Redact(line));
            }
        }
        catch (Exception exception)
        {
            // The pipe keeps being read, so the program is not blocked on a full pipe while it is being stopped.
            _handlerFailed = true;
            onHandlerFailure(exception);
        }
    }
}
