using System.Diagnostics;
using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Docker;

/// <summary>Runs one docker build: streams docker's lines into the log, one summary line per Dockerfile step, and turns a failure into docker's own words.</summary>
internal sealed class DockerImageBuild(IProcessRunner runner, ILogger logger, LogLevel outputLevel)
{
    public async Task<DockerBuildOutcome> RunAsync(
        DockerClient client,
        DockerBuildSettings settings,
        DockerBuilder builder,
        IReadOnlyList<string> imageNames,
        IReadOnlyDictionary<string, string> labels,
        CancellationToken cancellationToken)
    {
        var imageIdFile = Path.Combine(Path.GetTempPath(), $"ard-iid-{Guid.NewGuid():N}");
        var secrets = settings.BuildArguments.Where(argument => argument.IsSecret && argument.Value.Length > 0).Select(argument => argument.Value).ToArray();
        DockerBuildStep? lastStep = null;
        var steps = 0;
        var cachedSteps = 0;

        void OnLine(string line)
        {
            if (DockerBuildProgress.TryParseStep(line) is { } step)
            {
                if (step == lastStep)
                    return; // buildx repeats a step's header when its output resumes
                lastStep = step;
                steps++;
                logger.LogInformation("docker build {Step}", Redact(step.ToString(), secrets));
            }
            else if (DockerBuildProgress.IsCacheHit(line))
            {
                cachedSteps++;
            }
        }

        var command = DockerBuildCommand.Create(client, settings, builder, imageNames, labels, imageIdFile)
            .WithLogger(logger)
            .WithOutputLogLevel(outputLevel, outputLevel)
            .WithOutputBuffering(false)
            .WithOutputLine(OnLine)
            .WithErrorLine(OnLine);

        var stopwatch = Stopwatch.StartNew();
        try
        {
            await runner.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            var imageId = (await File.ReadAllTextAsync(imageIdFile, cancellationToken).ConfigureAwait(false)).Trim();
            return new DockerBuildOutcome(imageId, stopwatch.Elapsed, steps, cachedSteps);
        }
        catch (ProcessExitCodeException exception)
        {
            throw new DockerBuildFailedException(
                exception.ExitCode,
                lastStep is null ? null : Redact(lastStep.ToString(), secrets),
                DockerErrorOutput.LastErrorLines(exception.StandardErrorTail),
                command.ToString());
        }
        finally
        {
            File.Delete(imageIdFile);
        }
    }

    private static string Redact(string text, IEnumerable<string> secrets) =>
        secrets.Aggregate(text, (current, secret) => current.Replace(secret, "[REDACTED]", StringComparison.Ordinal));
}
