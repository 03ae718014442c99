using System.Text;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Processes;

/// <summary>Reads one output stream of a program line by line into its handler, the log, the buffer and the tail.</summary>
internal sealed class OutputPump(
    StreamReader reader,
    Action<string>? handler,
    bool buffers,
    ILogger logger,
    LogLevel logLevel,
    SecretRedactor redactor,
    object handlerGate)
{
    private readonly StringBuilder? _buffer = buffers ? new StringBuilder() : null;
    private readonly bool _logs = logLevel != LogLevel.None && logger.IsEnabled(logLevel);

    public OutputTail Tail { get; } = new(ProcessFailureContext.TailLineCount);

    public string Text => _buffer?.ToString() ?? "";

    /// <summary>Ends when the program (and every child holding the pipe) closes it; a throwing handler ends it through <paramref name="onHandlerFailure"/>.</summary>
    public async Task RunAsync(Action<Exception> onHandlerFailure, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            _buffer?.Append(line).Append('\n');
            Tail.Add(line);
            if (handler is null && !_logs)
                continue;
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
                onHandlerFailure(exception);
                return;
            }
        }
    }
}
