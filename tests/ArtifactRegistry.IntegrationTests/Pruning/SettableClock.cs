namespace ArtifactRegistry.IntegrationTests.Pruning;

/// <summary>
/// The sandbox's and the operation's clock: set back to push a version "40 days ago", then forward again. Only wall-clock
/// time is replaced; timers and delays stay real.
/// </summary>
internal sealed class SettableClock : TimeProvider
{
    // Starts at the real time, so that a separate process exchanging a key for a token (its JWT dated now) is believed.
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public DateTimeOffset Now
    {
        get => _now;
        set => _now = value;
    }

    public override DateTimeOffset GetUtcNow() => _now;
}
