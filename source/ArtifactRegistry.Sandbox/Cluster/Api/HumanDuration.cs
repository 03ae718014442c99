using System.Globalization;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>Ages as the API server prints them in table columns: <c>45s</c>, <c>3m20s</c>, <c>5h12m</c>, <c>3d4h</c>, <c>400d</c>.</summary>
internal static class HumanDuration
{
    public static string Since(DateTime? time, DateTime now) => time is { } t ? Format(now - t) : "<unknown>";

    public static string Format(TimeSpan d)
    {
        if (d < TimeSpan.FromSeconds(-1))
            return "<invalid>";
        if (d < TimeSpan.Zero)
            return "0s";
        var seconds = (long)d.TotalSeconds;
        if (seconds < 120)
            return I($"{seconds}s");
        var minutes = seconds / 60;
        if (minutes < 10)
            return seconds % 60 == 0 ? I($"{minutes}m") : I($"{minutes}m{seconds % 60}s");
        if (minutes < 180)
            return I($"{minutes}m");
        var hours = minutes / 60;
        if (hours < 8)
            return minutes % 60 == 0 ? I($"{hours}h") : I($"{hours}h{minutes % 60}m");
        if (hours < 48)
            return I($"{hours}h");
        if (hours < 24 * 8)
            return hours % 24 == 0 ? I($"{hours / 24}d") : I($"{hours / 24}d{hours % 24}h");
        if (hours < 24 * 365 * 2)
            return I($"{hours / 24}d");
        if (hours < 24 * 365 * 8)
            return I($"{hours / 24 / 365}y{hours / 24 % 365}d");
        return I($"{hours / 24 / 365}y");
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
