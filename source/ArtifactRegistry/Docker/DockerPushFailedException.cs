using System.Text;

namespace ArtifactRegistry.Docker;

/// <summary>docker push failed for a reason that is not an Artifact Registry refusal (those are explained by <c>DockerRegistryAccessException</c>).</summary>
public sealed class DockerPushFailedException : Exception
{
    internal DockerPushFailedException(string name, int attempts, bool transient, IReadOnlyList<string> errorLines, string commandLine, Exception? innerException = null)
        : base(Describe(name, attempts, transient, errorLines, commandLine), innerException)
    {
        Name = name;
        Attempts = attempts;
        IsTransient = transient;
        ErrorLines = errorLines;
    }

    /// <summary>The name docker pushed.</summary>
    public string Name { get; }

    /// <summary>How many times the push was tried.</summary>
    public int Attempts { get; }

    /// <summary>Whether the last failure looked transient (the retries ran out) rather than a refusal.</summary>
    public bool IsTransient { get; }

    /// <summary>docker's last error lines.</summary>
    public IReadOnlyList<string> ErrorLines { get; }

    private static string Describe(string name, int attempts, bool transient, IReadOnlyList<string> errorLines, string commandLine)
    {
        var text = new StringBuilder($"docker push {name} failed");
        text.Append(transient ? $" {attempts} times with what looks like a passing registry or network problem." : ".");
        if (errorLines.Count > 0)
        {
            text.AppendLine().Append("docker said:");
            foreach (var line in errorLines)
                text.AppendLine().Append("   ").Append(line);
        }
        text.AppendLine().Append("   > ").Append(commandLine);
        text.AppendLine().Append(transient
            ? "The registry or the network kept failing; try again later, and check the registry's status and the build machine's connection."
            : "Check that the registry host is right and reachable from this machine (`docker login HOST` tells whether it answers).");
        return text.ToString();
    }
}
