using System.Diagnostics;
using ArtifactRegistry.Processes;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Docker;

/// <summary>
/// Pushes one name with <c>docker push</c>, streaming docker's lines into the log, trying again after transient failures
/// (5xx, 429, reset connections) with the waits of the REST client's <see cref="RetryPolicy"/>, never after a refusal.
/// </summary>
internal sealed class DockerImagePush(IProcessRunner runner, ILogger logger, LogLevel outputLevel, RetryPolicy retries)
{
    /// <summary>Explains a refusal docker reported (an Artifact Registry denial) from its standard error; null leaves it to <see cref="DockerPushFailedException"/>.</summary>
    public Func<string, Exception?> ExplainRefusal { get; init; } = _ => null;

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
            // What to run again by hand; docker's environment overrides are the build's configuration, not part of the failure.
            var commandLine = $"{CommandLineText.Quote(client.Program)} push {CommandLineText.Quote(name)}";
            if (!DockerPushFailure.IsTransient(errorLines))
                throw ExplainRefusal(result.StandardError) ?? new DockerPushFailedException(name, attempt, transient: false, errorLines, commandLine);
            if (attempt >= retries.MaxAttempts)
                throw new DockerPushFailedException(name, attempt, transient: true, errorLines, commandLine);

            var wait = retries.DelayAfter(attempt, retryAfter: null, DateTimeOffset.UtcNow) ?? retries.InitialBackoff;
            logger.LogWarning("docker push {Name} failed (attempt {Attempt} of {MaxAttempts}): {Error}; trying again in {Seconds:0.#} s",
                name, attempt, retries.MaxAttempts, errorLines.LastOrDefault() ?? "no error output", wait.TotalSeconds);
            await Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }
}
