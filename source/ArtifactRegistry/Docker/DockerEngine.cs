using ArtifactRegistry.Hints;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Docker;

/// <summary>Questions to the docker CLI about its engine and its build front ends, answered in milliseconds before anything slow starts.</summary>
internal sealed class DockerEngine
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly DockerClient _client;
    private readonly IProcessRunner _runner;

    public DockerEngine(DockerClient? client = null, IProcessRunner? runner = null)
    {
        _client = client ?? DockerClient.Default;
        _runner = runner ?? ProcessRunner.Default;
    }

    /// <summary>The engine's version and architecture, proving it answers.</summary>
    /// <exception cref="ProgramNotFoundException">The docker CLI is not installed; the message says how to install it.</exception>
    /// <exception cref="DockerEngineUnreachableException">No engine answers; the message says how to start one.</exception>
    public async Task<DockerEngineInfo> EnsureReachableAsync(CancellationToken cancellationToken = default)
    {
        var command = _client.Command(arguments => arguments.Add("version").Add("--format").Add("{{.Server.Version}} {{.Server.Arch}}"))
            .WithValidation(ProcessValidation.None)
            .WithTimeout(Timeout);
        var result = await _runner.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        var answer = result.StandardOutput.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (result.IsSuccess && answer.Length == 2)
            return new DockerEngineInfo(answer[0], answer[1]);
        throw Unreachable(result.StandardError.Trim());
    }

    /// <summary>
    /// Buildx when <paramref name="preference"/> allows it and the plugin answers <c>docker buildx version</c>; else, when the build
    /// needs BuildKit (it has build secrets) or <see cref="DockerBuilder.BuildKit"/> was asked for, the CLI's
    /// built-in BuildKit; else the legacy builder.
    /// </summary>
    /// <exception cref="SettingsException">Buildx or BuildKit was required but is not available.</exception>
    /// <exception cref="BuildKitUnavailableException">The build has secrets and no BuildKit builder is available.</exception>
    public async Task<DockerBuilder> ResolveBuilderAsync(DockerBuilder preference, CancellationToken cancellationToken = default) =>
        await ResolveBuilderAsync(preference, [], cancellationToken).ConfigureAwait(false);

    /// <inheritdoc cref="ResolveBuilderAsync(DockerBuilder, CancellationToken)"/>
    public async Task<DockerBuilder> ResolveBuilderAsync(DockerBuilder preference, IReadOnlyList<string> secretIds, CancellationToken cancellationToken = default)
    {
        var needsBuildKit = secretIds.Count > 0;
        if (preference is DockerBuilder.Legacy)
            return needsBuildKit
                ? throw new BuildKitUnavailableException(_client.Program, secretIds, "the build was set to the legacy builder (DockerBuilder.Legacy), which has no BuildKit")
                : DockerBuilder.Legacy;
        if (preference is DockerBuilder.BuildKit)
            return await RequireBuiltInBuildKitAsync(secretIds, cancellationToken).ConfigureAwait(false);

        var command = _client.Command(arguments => arguments.Add("buildx").Add("version"))
            .WithValidation(ProcessValidation.None)
            .WithTimeout(Timeout);
        var result = await _runner.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess)
            return DockerBuilder.Buildx;
        if (preference is DockerBuilder.Buildx)
        {
            throw new SettingsException(
                $"The build was set to use buildx, but buildx is not available: `{_client.Program} buildx version` failed.{Environment.NewLine}" +
                $"{result.StandardError.Trim()}{Environment.NewLine}" +
                "Install the buildx plugin (`sudo apt-get install docker-buildx-plugin` from Docker's apt repository, or see " +
                $"https://docs.docker.com/go/buildx/), or let the build choose: {SettingNames.Builder} with DockerBuilder.Auto.", SettingNames.Builder);
        }
        return needsBuildKit ? await RequireBuiltInBuildKitAsync(secretIds, cancellationToken).ConfigureAwait(false) : DockerBuilder.Legacy;
    }

    /// <summary>The CLI's own version, read without the engine (<c>docker version</c> prints it even when no engine answers).</summary>
    public async Task<string> ReadClientVersionAsync(CancellationToken cancellationToken = default)
    {
        var command = _client.Command(arguments => arguments.Add("version").Add("--format").Add("{{.Client.Version}}"))
            .WithValidation(ProcessValidation.None)
            .WithTimeout(Timeout);
        var result = await _runner.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
    }

    private async Task<DockerBuilder> RequireBuiltInBuildKitAsync(IReadOnlyList<string> secretIds, CancellationToken cancellationToken)
    {
        var version = await ReadClientVersionAsync(cancellationToken).ConfigureAwait(false);
        if (DockerCliVersion.HasBuiltInBuildKit(version))
            return DockerBuilder.BuildKit;
        var cli = version.Length == 0 ? $"`{_client.Program} version` printed no client version" : $"the docker CLI `{_client.Program}` is {version}";
        if (secretIds.Count > 0)
            throw new BuildKitUnavailableException(_client.Program, secretIds,
                $"`{_client.Program} buildx version` found no buildx plugin, and {cli}, which has no built-in BuildKit (only CLIs 18.09 to 20.10 have one)");
        throw new SettingsException(
            $"The build was set to the built-in BuildKit of the docker CLI (DockerBuilder.BuildKit), but {cli}, which has none: " +
            $"only CLIs 18.09 to 20.10 build with BuildKit by themselves; later ones need the buildx plugin.{Environment.NewLine}" +
            $"Point the build at such a CLI ({SettingNames.DockerProgram.With("/usr/bin/docker")}), or install the buildx plugin and choose " +
            $"DockerBuilder.Buildx or DockerBuilder.Auto ({SettingNames.Builder}).", SettingNames.DockerProgram.With("/usr/bin/docker"), SettingNames.Builder);
    }

    private DockerEngineUnreachableException Unreachable(string error)
    {
        var host = _client.EffectiveHost;
        var where = host is null
            ? "DOCKER_HOST is not set, so docker used its default engine (the local socket /var/run/docker.sock, or the current `docker context`)"
            : $"DOCKER_HOST is {host}";
        string advice;
        if (error.Contains("permission denied", StringComparison.OrdinalIgnoreCase))
            advice = "The engine runs but this user may not use its socket: add the user to the docker group " +
                     "(`sudo usermod -aG docker $USER`, then log in again), or run the build as a user that may.";
        else if (host is not null)
            advice = $"Start the engine DOCKER_HOST points at, or point DOCKER_HOST at a running one (unset it to use the local engine).";
        else
            advice = "Start an engine: `sudo systemctl start docker` (Linux with systemd), start Docker Desktop (macOS, Windows), " +
                     "or run `sudo dockerd &`; or set DOCKER_HOST to a running engine (e.g. DOCKER_HOST=unix:///run/user/1000/docker.sock " +
                     "for rootless docker, or DOCKER_HOST=ssh://user@build-host).";
        var said = error.Length > 0 ? error : "(docker printed nothing)";
        return new DockerEngineUnreachableException(host,
            $"No Docker engine answers: `{_client.Program} version` said: {said}{Environment.NewLine}{where}. {advice}");
    }
}
