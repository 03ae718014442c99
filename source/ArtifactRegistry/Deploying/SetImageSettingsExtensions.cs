using System.Collections.Immutable;
using System.Diagnostics.Contracts;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Processes;
using ArtifactRegistry.References;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.Deploying;

/// <summary>NUKE-style fluent changes of <see cref="SetImageSettings"/>; each returns a changed copy.</summary>
public static class SetImageSettingsExtensions
{
    [Pure]
    public static SetImageSettings SetImage(this SetImageSettings settings, string? image) => settings with { Image = image };

    [Pure]
    public static SetImageSettings SetImage(this SetImageSettings settings, ImageReference image) => settings with { Image = image.ToString() };

    /// <summary>The image BuildAndPush pushed, pinned to its digest.</summary>
    [Pure]
    public static SetImageSettings SetImage(this SetImageSettings settings, Publishing.BuildAndPushResult pushed) => settings with { Image = pushed.Image.ToString() };

    [Pure]
    public static SetImageSettings SetWorkloads(this SetImageSettings settings, params string[] workloads) => settings with { Workloads = [.. workloads] };

    [Pure]
    public static SetImageSettings SetWorkloads(this SetImageSettings settings, IEnumerable<string> workloads) => settings with { Workloads = [.. workloads] };

    [Pure]
    public static SetImageSettings AddWorkloads(this SetImageSettings settings, params string[] workloads) => settings with { Workloads = settings.Workloads.AddRange(workloads) };

    [Pure]
    public static SetImageSettings ResetWorkloads(this SetImageSettings settings) => settings with { Workloads = [] };

    [Pure]
    public static SetImageSettings SetNamespace(this SetImageSettings settings, string? ns) => settings with { Namespace = ns };

    [Pure]
    public static SetImageSettings SetContainer(this SetImageSettings settings, string? container) => settings with { Container = container };

    [Pure]
    public static SetImageSettings SetKubeContext(this SetImageSettings settings, string? context) => settings with { KubeContext = context };

    [Pure]
    public static SetImageSettings SetKubeconfig(this SetImageSettings settings, string? path) => settings with { Kubeconfig = path };

    [Pure]
    public static SetImageSettings SetRolloutTimeout(this SetImageSettings settings, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return settings with { RolloutTimeout = timeout };
    }

    [Pure]
    public static SetImageSettings SetRollbackOnFailure(this SetImageSettings settings, bool enabled) => settings with { RollbackOnFailure = enabled };

    [Pure]
    public static SetImageSettings EnableRollbackOnFailure(this SetImageSettings settings) => settings with { RollbackOnFailure = true };

    [Pure]
    public static SetImageSettings DisableRollbackOnFailure(this SetImageSettings settings) => settings with { RollbackOnFailure = false };

    [Pure]
    public static SetImageSettings SetCommit(this SetImageSettings settings, string? commit) => settings with { Commit = commit };

    [Pure]
    public static SetImageSettings SetLogLines(this SetImageSettings settings, int lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        return settings with { LogLines = lines };
    }

    [Pure]
    public static SetImageSettings SetEnvironmentVariable(this SetImageSettings settings, string name, string? value) =>
        settings with { EnvironmentVariables = settings.EnvironmentVariables.SetItem(name, value) };

    [Pure]
    public static SetImageSettings SetEnvironmentVariables(this SetImageSettings settings, IEnumerable<KeyValuePair<string, string>> variables) =>
        settings with { EnvironmentVariables = settings.EnvironmentVariables.SetItems(variables.Select(pair => new KeyValuePair<string, string?>(pair.Key, pair.Value))) };

    /// <summary>Takes the variables of an env file, such as the sandbox's <c>.nuke/temp/sandbox.env</c> (its kubeconfig, REST endpoint and credentials).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    [Pure]
    public static SetImageSettings SetEnvironmentFile(this SetImageSettings settings, string path) =>
        settings.SetEnvironmentVariables(Configuration.EnvironmentFile.Read(path));

    [Pure]
    public static SetImageSettings ResetEnvironmentVariables(this SetImageSettings settings) => settings with { EnvironmentVariables = ImmutableDictionary<string, string?>.Empty };

    [Pure]
    public static SetImageSettings SetHomeDirectory(this SetImageSettings settings, string? directory) => settings with { HomeDirectory = directory };

    [Pure]
    public static SetImageSettings SetAccessTokenSource(this SetImageSettings settings, IAccessTokenSource? source) => settings with { AccessTokenSource = source };

    [Pure]
    public static SetImageSettings SetArtifactRegistryEndpoint(this SetImageSettings settings, Uri? endpoint) => settings with { ArtifactRegistryEndpoint = endpoint };

    [Pure]
    public static SetImageSettings SetHttpHandler(this SetImageSettings settings, HttpMessageHandler? handler) => settings with { HttpHandler = handler };

    [Pure]
    public static SetImageSettings SetLogger(this SetImageSettings settings, ILogger? logger) => settings with { Logger = logger ?? NullLogger.Instance };

    [Pure]
    public static SetImageSettings SetProcessRunner(this SetImageSettings settings, IProcessRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return settings with { ProcessRunner = runner };
    }

    [Pure]
    public static SetImageSettings SetTime(this SetImageSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return settings with { Time = time };
    }
}
