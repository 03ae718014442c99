using System;
using System.Linq;
using ArtifactRegistry.Durations;
using ArtifactRegistry.Sandbox;
using Nuke.Common;
using Nuke.Common.IO;

partial class Build
{
    [Parameter("Directory where the sandbox keeps its state across restarts - Default: in memory")]
    readonly AbsolutePath? SandboxState;

    [Parameter("Where the sandbox writes its env file (key files go to sandbox-keys/ beside it) - Default: .nuke/temp/sandbox.env")]
    readonly AbsolutePath? SandboxEnvFile;

    // One parameter per knob rather than one "latency=50ms,throttle=0.1" spec: NUKE converts numbers and enums, lists each
    // one in --help, and reads each from the environment (SANDBOX_THROTTLE_SHARE=0.1) as well. Durations are strings parsed
    // by Duration.Parse, because NUKE reads a TimeSpan only as hh:mm:ss and drops "50ms" with a warning.
    // Route prefixes and random seeds stay with the control API (GET/PUT /sandbox/v1/faults), which takes the whole plan.
    [Parameter("Latency the sandbox adds to each request in the fault scope, like 50ms - Default: none")]
    readonly string? SandboxLatency;

    [Parameter("Share of sandbox requests answered 429 with Retry-After, like 0.1 for 10 % - Default: 0")]
    readonly double? SandboxThrottleShare;

    [Parameter("Retry-After of the sandbox's 429 answers, like 2s - Default: 1s")]
    readonly string? SandboxRetryAfter;

    [Parameter("Share of sandbox requests answered 503 UNAVAILABLE, like 0.05 - Default: 0")]
    readonly double? SandboxServerErrorShare;

    [Parameter("Share of sandbox requests whose connection is dropped without an answer, like 0.01 - Default: 0")]
    readonly double? SandboxDropShare;

    [Parameter("What the sandbox's faults apply to: Rest, Registry, Token, Cluster or All (several allowed) - Default: All", Name = nameof(SandboxFaultScope))]
    readonly SandboxFaultScope[]? FaultScope;

    [Parameter("Pace of the sandbox cluster's simulated nodes: Fast (tests) or Realistic (GKE-like back-off, for demos) - Default: Realistic")]
    readonly string? SandboxClusterSpeed;

    [Parameter("How long each image pull of the sandbox cluster's nodes takes, like 3s - Default: the speed's own")]
    readonly string? SandboxImagePullDelay;

    Target Sandbox => _ => _
        .Description("Runs the local Artifact Registry sandbox and its GKE-like cluster until Ctrl-C and writes .nuke/temp/sandbox.env and .nuke/temp/kubeconfig for gcloud, docker, kubectl and the library")
        .Executes(async () =>
        {
            using var stop = new StopSignal();
            var options = new SandboxOptions().WithStateDirectory(SandboxState).WithFaults(InitialFaults()).WithCluster(ClusterOptions(ArtifactRegistry.Sandbox.SandboxClusterSpeed.Realistic));
            await SandboxServer.RunUntilCancelledAsync(options, SandboxEnvFile ?? TemporaryDirectory / "sandbox.env", stop.Token);
        });

    SandboxClusterOptions ClusterOptions(ArtifactRegistry.Sandbox.SandboxClusterSpeed defaultSpeed)
    {
        var speed = SandboxClusterSpeed?.ToLowerInvariant() switch
        {
            null => defaultSpeed,
            "realistic" => ArtifactRegistry.Sandbox.SandboxClusterSpeed.Realistic,
            "fast" => ArtifactRegistry.Sandbox.SandboxClusterSpeed.Fast,
            _ => null,
        };
        if (speed is null)
            Assert.Fail($"--sandbox-cluster-speed is \"{SandboxClusterSpeed}\", but it must be Fast or Realistic.");
        var pull = DurationOf(SandboxImagePullDelay, "--sandbox-image-pull-delay");
        return SandboxClusterOptions.Default.WithSpeed(pull is { } delay ? speed!.WithImagePull(delay) : speed!);
    }

    SandboxFaultPlan InitialFaults()
    {
        var plan = SandboxFaultPlan.None with
        {
            Latency = DurationOf(SandboxLatency, "--sandbox-latency") ?? TimeSpan.Zero,
            ThrottleShare = SandboxThrottleShare ?? 0,
            RetryAfter = DurationOf(SandboxRetryAfter, "--sandbox-retry-after") ?? SandboxFaultPlan.None.RetryAfter,
            ServerErrorShare = SandboxServerErrorShare ?? 0,
            DropShare = SandboxDropShare ?? 0,
            Scope = FaultScope is { Length: > 0 } ? FaultScope.Aggregate((all, one) => all | one) : SandboxFaultScope.All,
        };
        try
        {
            plan.Validate();
        }
        catch (ArgumentException e)
        {
            Assert.Fail($"{e.Message} Change the matching --sandbox-* parameter (./build.sh --help lists them).");
        }

        return plan;
    }

    /// <summary>A malformed value stops the build with one message naming the parameter and what to write.</summary>
    static TimeSpan? DurationOf(string? text, string parameter) => text is null ? null : Duration.Parse(text, parameter);
}
