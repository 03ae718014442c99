using System.Runtime.InteropServices;

namespace ArtifactRegistry.Cake.Hosting;

/// <summary>
/// Cake has no cancellation token of its own: Ctrl+C or SIGTERM ends the process, which would leave a docker build or a
/// rollout watch behind. While an alias runs, the first SIGINT or SIGTERM cancels the operation instead, which ends the
/// programs it started and fails the task; a second one ends the process as usual.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    private StopSignals()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop)];
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM while this is registered.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>The signal that cancelled <see cref="Token"/>, if any.</summary>
    public PosixSignal? Received { get; private set; }

    public static StopSignals Register() => new();

    private void Stop(PosixSignalContext signal)
    {
        if (_stop.IsCancellationRequested)
            return;
        signal.Cancel = true;
        Received = signal.Signal;
        _stop.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _stop.Dispose();
    }
}
