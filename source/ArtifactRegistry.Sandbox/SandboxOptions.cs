using System.Collections.Immutable;
using System.Diagnostics.Contracts;

namespace ArtifactRegistry.Sandbox;

/// <summary>How a <see cref="SandboxServer"/> starts. Immutable; use the <c>With*</c> methods.</summary>
public sealed record SandboxOptions
{
    public SandboxSeed Seed { get; init; } = SandboxSeed.Default;

    /// <summary>Locations that get a registry listener (<c>LOCATION-docker.pkg.dev</c>); seeded repositories add theirs.</summary>
    public ImmutableArray<string> Locations { get; init; } = ["asia", "us"];

    /// <summary>Lifetime of the access tokens the token endpoints issue (Google's default is one hour); shorten it to test refresh.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A directory that keeps state across restarts; null keeps everything in memory.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>Faults injected from the start; change them at run time through <see cref="SandboxServer.Faults"/>.</summary>
    public SandboxFaultPlan Faults { get; init; } = SandboxFaultPlan.None;

    /// <summary>The clock for token expiry and timestamps (tests can pass their own).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// The GKE-like cluster to run beside the registry (Kubernetes API over HTTPS, controllers, simulated nodes pulling from the
    /// sandbox registry); null runs none. <c>./build.sh Sandbox</c> runs one with <see cref="SandboxClusterOptions.Default"/>.
    /// </summary>
    public SandboxClusterOptions? Cluster { get; init; }

    /// <summary>Receives one line per request (method, path, status, duration); null logs nothing, which keeps benchmarks honest.</summary>
    public Action<string>? RequestLog { get; init; }

    /// <summary>The revision the first IAM policy etag encodes; null starts at a random one. Lets a test know the etag's bytes.</summary>
    internal long? FirstEtagRevision { get; init; }

    [Pure]
    public SandboxOptions WithSeed(SandboxSeed seed) => this with { Seed = seed };

    [Pure]
    public SandboxOptions WithLocations(params string[] locations) => this with { Locations = [.. locations] };

    [Pure]
    public SandboxOptions WithAccessTokenLifetime(TimeSpan lifetime) => this with { AccessTokenLifetime = lifetime };

    [Pure]
    public SandboxOptions WithStateDirectory(string? directory) => this with { StateDirectory = directory };

    [Pure]
    public SandboxOptions WithFaults(SandboxFaultPlan faults) => this with { Faults = faults };

    [Pure]
    public SandboxOptions WithTimeProvider(TimeProvider timeProvider) => this with { TimeProvider = timeProvider };

    [Pure]
    public SandboxOptions WithCluster(SandboxClusterOptions? cluster) => this with { Cluster = cluster };

    [Pure]
    public SandboxOptions WithRequestLog(Action<string>? log) => this with { RequestLog = log };
}
