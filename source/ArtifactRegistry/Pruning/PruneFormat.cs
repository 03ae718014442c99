using System.Globalization;

namespace ArtifactRegistry.Pruning;

/// <summary>How ages, durations and sizes read in the plan table and the result.</summary>
internal static class PruneFormat
{
    public static string Duration(TimeSpan duration) => duration switch
    {
        { TotalDays: >= 1 } => Number(Math.Floor(duration.TotalDays)) + " d",
        { TotalHours: >= 1 } => Number(Math.Floor(duration.TotalHours)) + " h",
        { TotalMinutes: >= 1 } => Number(Math.Floor(duration.TotalMinutes)) + " min",
        _ => Number(Math.Max(0, Math.Floor(duration.TotalSeconds))) + " s",
    };

    public static string Size(long? bytes) => bytes switch
    {
        null => "-",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes.Value / 1024.0).ToString("0.0 'KiB'", CultureInfo.InvariantCulture),
        < 1024L * 1024 * 1024 => (bytes.Value / (1024.0 * 1024)).ToString("0.0 'MiB'", CultureInfo.InvariantCulture),
        _ => (bytes.Value / (1024.0 * 1024 * 1024)).ToString("0.00 'GiB'", CultureInfo.InvariantCulture),
    };

    public static string Number(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
