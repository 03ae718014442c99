using System.IO;
using ArtifactRegistry.Context;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Nuke;
using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;

/// <summary>
/// This repository's way to point its own BuildAndPush at the local sandbox (./build.sh Sandbox): the library knows only
/// endpoints, a host map and credentials, which the sandbox's env file sets, as `source .nuke/temp/sandbox.env` would.
/// </summary>
partial class Build
{
    [Parameter("Push to the local sandbox described by .nuke/temp/sandbox.env (written by ./build.sh Sandbox, or --sandbox-env-file) instead of Google")]
    readonly bool UseSandbox;

    AbsolutePath UsedSandboxEnvFile => SandboxEnvFile ?? TemporaryDirectory / "sandbox.env";

    Configure<OperationContext> IArtifactRegistryContext.ArtifactRegistryContext => context =>
    {
        if (!UseSandbox)
            return WithLocalDeployment(context);
        if (!File.Exists(UsedSandboxEnvFile))
            throw new FileNotFoundException(
                $"--use-sandbox needs {UsedSandboxEnvFile}, which the sandbox writes while it runs: start it in another terminal with `./build.sh Sandbox`.",
                UsedSandboxEnvFile);
        return context.SetEnvironmentFile(UsedSandboxEnvFile);
    };

    // The sandbox's env file logs docker in with its key file; gcloud's credential helper would refuse the sandbox's 127.0.0.1 hosts.
    Configure<EnsureDockerAuthSettings> IArtifactRegistryDockerAuth.EnsureDockerAuthSettings => settings =>
        (UseSandbox || DeploysLocally) && ((IArtifactRegistryDockerAuth)this).DockerAuthMode is null ? settings.SetMode(DockerAuthMode.AccessToken) : settings;
}
