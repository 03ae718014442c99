using System.Diagnostics;
using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Docker;

/// <summary>
/// Pushes one name with <c>docker push</c>, streaming docker's lines into the log, trying again after transient failures
/// (5xx, 429, reset connections) with growing waits, never after a refusal.
/// </summary>
internal sealed class DockerImagePush(IProcessRunner runner, ILogger logger, LogLevel outputLevel, int maxAttempts, Func<int, TimeSpan> backoff)
{
    /// <summary>Explains a refusal docker reported (an Artifact Registry denial); null leaves it to <see cref="DockerPushFailedException"/>.</summary>
    public Func<string, Exception?, Exception?> ExplainRefusal { get; init; } = (_, _) => null;

    /// <summary>Waits between attempts; replaced in tests.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    public async Task<DockerPushOutcome> RunAsync(DockerClient client, string name, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var output = new DockerPushOutput();
            var command = client.Command(arguments => arguments.Add("push").Add(name))
                .WithLogger(logger)
                .WithOutputLogLevel(outputLevel, outputLevel)
                .WithOutputLine(output.Add)
                .WithValidation(ProcessValidation.None);
            var result = await runner.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
                return new DockerPushOutcome(name, output.Digest, output.LayersPushed, output.LayersAlreadyPresent, attempt, stopwatch.Elapsed);

            var errorLines = DockerErrorOutput.LastErrorLines(result.StandardError.Split('\n'));
            var transient = DockerPushFailure.IsTransient(errorLines);
            if (!transient)
            {
                throw ExplainRefusal(result.StandardError, null)
                      ?? new DockerPushFailedException(name, attempt, transient: false, errorLines, command.ToString());
            }
            if (attempt >= maxAttempts)
                throw new DockerPushFailedException(name, attempt, transient: true, errorLines, command.ToString());

            var wait = backoff(attempt);
            logger.LogWarning("docker push {Name} failed (attempt {Attempt} of {MaxAttempts}): {Error}; trying again in {Seconds:0.#} s",
                name, attempt, maxAttempts, errorLines.LastOrDefault() ?? "no error output", wait.TotalSeconds);
            await Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }
}
