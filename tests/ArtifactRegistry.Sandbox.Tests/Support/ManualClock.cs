using System.Globalization;

namespace ArtifactRegistry.Sandbox.Tests.Support;

/// <summary>A clock a test moves by hand (<see cref="SandboxOptions.TimeProvider"/>), so expiry is tested without waiting for it.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public ManualClock()
        : this(DateTimeOffset.Parse("2030-01-01T00:00:00Z", CultureInfo.InvariantCulture))
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
