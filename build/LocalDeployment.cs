using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.Grants;
using ArtifactRegistry.LocalEngine;
using ArtifactRegistry.Nuke;
using ArtifactRegistry.Sandbox;
using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;
using Serilog;

/// <summary>
/// What ./build.sh Deploy deploys to when nothing is configured: the sandbox in this process (registry and GKE-like cluster, its
/// state kept in a folder so a second run continues from the first), a Docker engine (the one that answers, else a private
/// dockerd whose data root is kept in the same folder), and the node pool's reader grant, made as the sandbox's administrator.
/// </summary>
sealed class LocalDeployment : IAsyncDisposable
{
    public const string Repository = "asia-docker.pkg.dev/sample-project/sample";

    LocalDeployment(SandboxServer sandbox, LocalDockerd? engine, AbsolutePath envFile)
    {
        Sandbox = sandbox;
        Engine = engine;
        EnvFile = envFile;
    }

    public SandboxServer Sandbox { get; }

    /// <summary>The private dockerd, when no engine answered.</summary>
    public LocalDockerd? Engine { get; }

    /// <summary>The sandbox's env file: endpoints, host map, the deployer's credentials, the kubeconfig.</summary>
    public AbsolutePath EnvFile { get; }

    public static async Task<LocalDeployment> StartAsync(AbsolutePath directory, SandboxClusterOptions cluster, OperationContext context)
    {
        var engine = await DockerEngineFor(directory / "dockerd");
        try
        {
            var sandbox = await SandboxServer.StartAsync(new SandboxOptions().WithStateDirectory(directory / "sandbox").WithCluster(cluster));
            var envFile = directory / "sandbox.env";
            await sandbox.WriteEnvFileAsync(envFile, directory / "sandbox-keys");
            Log.Information("Sandbox (Artifact Registry and GKE cluster {Cluster}) on {Endpoint}, state in {State}", cluster.Name, sandbox.ApiEndpoint, directory / "sandbox");
            var deployment = new LocalDeployment(sandbox, engine, envFile);
            await deployment.GrantNodesAsync(context, cluster.NodeServiceAccount, directory / "sandbox-keys");
            return deployment;
        }
        catch
        {
            if (engine is not null)
                await engine.StopAsync();
            throw;
        }
    }

    /// <summary>The build's context pointed at the sandbox (and at the private engine, if one was started).</summary>
    public OperationContext Apply(OperationContext context)
    {
        context = context.SetEnvironmentFile(EnvFile);
        return Engine is null ? context : context.SetEnvironmentVariable("DOCKER_HOST", Engine.DockerHost);
    }

    /// <summary>
    /// The second article's cross-project grant, as the repository's administrator makes it once: the deploy itself runs as the
    /// deployer, who may push but not change IAM policies.
    /// </summary>
    async Task GrantNodesAsync(OperationContext context, string nodeServiceAccount, AbsolutePath keys)
    {
        var administrator = GoogleCredentialFile.Load(Sandbox.WriteServiceAccountKey(SandboxPrincipals.Admin, keys)).CreateTokenSource();
        Log.Information("As the repository's administrator ({Admin}):", SandboxPrincipals.Admin);
        await GrantReader.RunAsync(context.SetEnvironmentFile(EnvFile).SetAccessTokenSource(administrator),
            s => s.SetRepository(Repository).SetMember("serviceAccount:" + nodeServiceAccount));
    }

    /// <summary>The engine that answers (DOCKER_HOST, else the default socket); when none does, a private dockerd, installed first if need be.</summary>
    static async Task<LocalDockerd?> DockerEngineFor(AbsolutePath dataRoot)
    {
        var answer = EngineAnswer();
        if (answer is null)
        {
            Log.Information("Docker engine: the one that answers ({Host})", Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unix:///var/run/docker.sock");
            return null;
        }

        var dockerd = ExecutableOnPath("dockerd") ?? InstallDockerIo(answer);
        var engine = await LocalDockerd.StartAsync(new LocalDockerdOptions { Dockerd = dockerd, DataRoot = dataRoot });
        Log.Information("Docker engine: none answered ({Reason}), so a private dockerd runs for this build on {Host}, its images kept in {DataRoot}",
            answer, engine.DockerHost, dataRoot);
        return engine;
    }

    /// <summary>Null when an engine answers <c>docker version</c>; otherwise why not.</summary>
    static string? EngineAnswer()
    {
        if (ExecutableOnPath("docker") is null)
            return "the docker CLI is not installed";
        using var version = ProcessTasks.StartProcess("docker", "version --format {{.Server.Version}}", timeout: 20_000, logOutput: false, logInvocation: false);
        version.WaitForExit();
        return version.ExitCode == 0 ? null : Last(string.Join('\n', version.Output.Select(output => output.Text)));
    }

    static string InstallDockerIo(string reason)
    {
        if (!Environment.IsPrivilegedProcess)
            Assert.Fail($"No Docker engine answers ({reason}) and dockerd is not installed, so ./build.sh Deploy cannot build the sample image. " +
                        "Install Debian's docker.io as root (sudo bash .ci/install does), start your Docker engine, or point DOCKER_HOST at one.");
        Log.Warning("No Docker engine answers ({Reason}) and dockerd is not installed: installing Debian's docker.io with apt-get, as root", reason);
        foreach (var arguments in new[] { "-o Acquire::Retries=3 update -qq", "-o Acquire::Retries=3 install -y -qq docker.io" })
            ProcessTasks.StartProcess("apt-get", arguments, environmentVariables: WithVariable("DEBIAN_FRONTEND", "noninteractive")).AssertZeroExitCode();
        return ExecutableOnPath("dockerd") ?? throw new InvalidOperationException("apt-get installed docker.io, but dockerd is still not on the PATH.");
    }

    static IReadOnlyDictionary<string, string> WithVariable(string name, string value)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        variables[name] = value;
        return variables;
    }

    static string? ExecutableOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }

    static string Last(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "docker version failed" : lines[^1];
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        if (Engine is not null)
            await Engine.StopAsync();
    }
}
