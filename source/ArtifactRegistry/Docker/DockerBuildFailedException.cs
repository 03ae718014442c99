using System.Text;

namespace ArtifactRegistry.Docker;

/// <summary>docker build exited non-zero: the Dockerfile or the build context is wrong. The message shows the failing step and docker's own error lines.</summary>
public sealed class DockerBuildFailedException : Exception
{
    internal DockerBuildFailedException(int exitCode, string? failedStep, IReadOnlyList<string> errorLines, string commandLine)
        : base(Describe(exitCode, failedStep, errorLines, commandLine))
    {
        ExitCode = exitCode;
        FailedStep = failedStep;
        ErrorLines = errorLines;
        CommandLine = commandLine;
    }

    /// <summary>docker build's exit code.</summary>
    public int ExitCode { get; }

    /// <summary>The last step docker announced before failing (<c>step 2/4: COPY app /app</c>), or null when it failed before any step.</summary>
    public string? FailedStep { get; }

    /// <summary>docker's last error lines (secrets masked).</summary>
    public IReadOnlyList<string> ErrorLines { get; }

    /// <summary>The docker command line, secrets as <c>[REDACTED]</c>.</summary>
    public string CommandLine { get; }

    private static string Describe(int exitCode, string? failedStep, IReadOnlyList<string> errorLines, string commandLine)
    {
        var text = new StringBuilder("docker build failed");
        text.Append(failedStep is null ? " before its first step" : $" at {failedStep}").Append($" (exit code {exitCode}).");
        if (errorLines.Count > 0)
        {
            text.AppendLine().Append("docker said:");
            foreach (var line in errorLines)
                text.AppendLine().Append("   ").Append(line);
        }
        text.AppendLine().Append("   > ").Append(commandLine);
        text.AppendLine().Append("Fix the Dockerfile or the build context and build again; docker's complete output is in the build log above.");
        return text.ToString();
    }
}
