using System.Diagnostics;
using ArtifactRegistry.Processes;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Docker;

/// <summary>Runs one docker build: streams docker's lines into the log, one summary line per Dockerfile step, and turns a failure into docker's own words.</summary>
internal sealed class DockerImageBuild(IProcessRunner runner, ILogger logger, LogLevel outputLevel)
{
    public async Task<DockerBuildOutcome> RunAsync(
        DockerClient client,
        ImageBuildSettings settings,
        DockerBuilder builder,
        IReadOnlyList<string> imageNames,
        IReadOnlyDictionary<string, string> labels,
        CancellationToken cancellationToken,
        BuildCache? cache = null)
    {
        var secretArguments = settings.BuildArguments.Where(argument => argument.IsSecret).Select(argument => argument.Name).ToList();
        if (secretArguments.Count > 0)
            logger.LogWarning(
                "Secret build argument(s) {Names} stay out of argv and the log, but a RUN step that uses an ARG records its value in the image " +
                "history (`docker history --no-trunc`), which is pushed with the image; pass credentials the image must not keep as build " +
                "secrets instead: AddBuildSecret (--docker-secrets ID=ENV_VAR), read by `RUN --mount=type=secret,id=ID` and kept out of " +
                "the image", string.Join(", ", secretArguments));

        var imageIdFile = Path.Combine(Path.GetTempPath(), $"ard-iid-{Guid.NewGuid():N}");
        var command = DockerBuildCommand.Create(client, settings, builder, imageNames, labels, imageIdFile, cache);
        var redactor = SecretRedactor.For(command);
        DockerBuildStep? lastStep = null;
        var steps = 0;
        var cachedSteps = 0;
        // The legacy builder prints what a failing RUN command wrote on standard output, and only its verdict on standard error.
        var stepOutput = new OutputTail(DockerErrorOutput.MaximumLines * 2);

        void OnLine(string line)
        {
            if (DockerBuildProgress.TryParseStep(line) is { } step)
            {
                if (step == lastStep)
                    return; // buildx repeats a step's header when its output resumes
                lastStep = step;
                steps++;
                stepOutput = new OutputTail(DockerErrorOutput.MaximumLines * 2);
                logger.LogInformation("docker build {Step}", redactor.Redact(step.ToString()));
                return;
            }
            if (DockerBuildProgress.IsCacheHit(line))
                cachedSteps++;
            stepOutput.Add(line);
        }

        command = command
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
            var errorLines = builder is DockerBuilder.Legacy && lastStep is not null
                ? DockerErrorOutput.FailedStepLines(stepOutput.ToList()).Select(redactor.Redact).ToArray()
                : DockerErrorOutput.LastErrorLines(exception.StandardErrorTail);
            throw new DockerBuildFailedException(
                exception.ExitCode,
                lastStep is null ? null : redactor.Redact(lastStep.ToString()),
                errorLines,
                exception.CommandLine);
        }
        finally
        {
            File.Delete(imageIdFile);
        }
    }
}
