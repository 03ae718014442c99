namespace ArtifactRegistry.LocalEngine;

/// <summary>How to start a <see cref="LocalDockerd"/>.</summary>
public sealed record LocalDockerdOptions
{
    /// <summary>The dockerd program (its containerd and runc are found on PATH by dockerd itself).</summary>
    public required string Dockerd { get; init; }

    /// <summary>
    /// A data root that outlives the engine (images and build cache kept from one run to the next); null keeps it inside the
    /// engine's private runtime folder, deleted on stop.
    /// </summary>
    public string? DataRoot { get; init; }

    public TimeSpan ReadinessTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The process whose end stops the engine if nobody stopped it before (a watchdog waits for it).</summary>
    public int OwnerProcessId { get; init; } = Environment.ProcessId;
}
