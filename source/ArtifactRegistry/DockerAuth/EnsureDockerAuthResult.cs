using System.Text;
using ArtifactRegistry.Access;
using ArtifactRegistry.Docker;
using ArtifactRegistry.Iam;

namespace ArtifactRegistry.DockerAuth;

/// <summary>What <see cref="EnsureDockerAuth"/> did, readable at a glance through <see cref="ToString"/>.</summary>
public sealed record EnsureDockerAuthResult
{
    /// <summary>The mode in effect.</summary>
    public required DockerAuthMode Mode { get; init; }

    /// <summary>The canonical registry hosts that now have credentials.</summary>
    public required IReadOnlyList<string> Hosts { get; init; }

    /// <summary>The <c>DOCKER_CONFIG</c> directory docker must use from now on.</summary>
    public required string DockerConfigDirectory { get; init; }

    /// <summary>The credential helper edit (CredentialHelper mode).</summary>
    public CredentialHelperChange? ConfigChange { get; init; }

    /// <summary>Who the credentials belong to, as far as known without asking.</summary>
    public required GooglePrincipal Principal { get; init; }

    /// <summary>The preflight's findings per repository (empty when it was disabled).</summary>
    public IReadOnlyList<RepositoryAccess> Repositories { get; init; } = [];

    /// <summary>Child processes started (credential helper, docker login); zero on a warm CredentialHelper run without preflight.</summary>
    public int ChildProcesses { get; init; }

    /// <summary>How long the configuration step took (the docker config read, and its write when needed).</summary>
    public TimeSpan ConfigurationTime { get; init; }

    /// <summary>How long the whole step took.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The session later docker steps use (renewal, <c>DOCKER_CONFIG</c>); dispose at the end of the build.</summary>
    public required DockerAuthSession Session { get; init; }

    /// <summary>A few lines for the build log: mode, hosts, principal, docker config, each repository's access, timings.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"EnsureDockerAuth: {Mode} for {string.Join(", ", Hosts)} as {Principal.Description}");
        text.AppendLine($"  docker config  {DockerConfigDirectory}{ConfigSummary()}");
        foreach (var access in Repositories)
            text.AppendLine($"  repository     {access.Repository}: {string.Join(", ", access.RequiredPermissions.Select(p => p.Replace("artifactregistry.", "")))} ok{(access.Created ? " (created)" : "")}");
        text.Append($"  took           {Duration.TotalMilliseconds:0} ms, configuration {ConfigurationTime.TotalMilliseconds:0.0} ms, {ChildProcesses} child process{(ChildProcesses == 1 ? "" : "es")}");
        return text.ToString();
    }

    private string ConfigSummary() => ConfigChange switch
    {
        null => " (build-scoped login)",
        { Written: false } => " (already configured, not written)",
        var change => $" (credHelpers added: {string.Join(", ", change.AddedHosts.Concat(change.ReplacedHelpers.Keys))})",
    };
}
