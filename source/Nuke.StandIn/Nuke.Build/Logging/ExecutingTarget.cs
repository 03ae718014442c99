namespace Nuke.Common.Logging;

/// <summary>The target whose actions run now, which every log event records for the repeated warnings and errors.</summary>
internal static class ExecutingTarget
{
    private const int NameLength = 20;

    public static string Name { get; private set; } = string.Empty;

    public static IDisposable Set(string name)
    {
        var previous = Name;
        Name = name[..Math.Min(name.Length, NameLength)];
        return new Restore(previous);
    }

    private sealed class Restore(string previous) : IDisposable
    {
        public void Dispose() => Name = previous;
    }
}
