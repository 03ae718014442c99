namespace ArtifactRegistry.IntegrationTests.Pruning;

/// <summary>
/// The sandbox's and the operation's clock: set back to push a version "40 days ago", then forward again. Only wall-clock
/// time is replaced; timers and delays stay real.
/// </summary>
internal sealed class SettableClock : TimeProvider
{
    private DateTimeOffset _now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Now
    {
        get => _now;
        set => _now = value;
    }

    public override DateTimeOffset GetUtcNow() => _now;
}
