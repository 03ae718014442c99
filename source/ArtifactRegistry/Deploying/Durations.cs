using System.Globalization;

namespace ArtifactRegistry.Deploying;

/// <summary>Durations as a person writes them: <c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>1.5m</c>; what the NUKE parameter takes.</summary>
internal static class Durations
{
    /// <exception cref="FormatException">Not a positive duration; the message shows the accepted forms.</exception>
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();
        if (TimeSpan.TryParseExact(rest, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var clock) && clock > TimeSpan.Zero)
            return clock;
        var total = TimeSpan.Zero;
        var any = false;
        while (rest.Length > 0)
        {
            var numberEnd = 0;
            while (numberEnd < rest.Length && (char.IsAsciiDigit(rest[numberEnd]) || rest[numberEnd] == '.'))
                numberEnd++;
            var unitEnd = numberEnd;
            while (unitEnd < rest.Length && char.IsAsciiLetter(rest[unitEnd]))
                unitEnd++;
            if (numberEnd == 0 || !double.TryParse(rest[..numberEnd], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                throw Invalid(text);
            total += rest[numberEnd..unitEnd] switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" or "sec" => TimeSpan.FromSeconds(number),
                "m" or "min" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                "" when unitEnd == rest.Length && !any => TimeSpan.FromSeconds(number),
                _ => throw Invalid(text),
            };
            any = true;
            rest = rest[unitEnd..];
        }
        return any && total > TimeSpan.Zero ? total : throw Invalid(text);
    }

    public static string Format(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 60 } => $"{duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
        { TotalMinutes: < 60, Seconds: 0 } => $"{(int)duration.TotalMinutes} min",
        { TotalMinutes: < 60 } => $"{(int)duration.TotalMinutes} min {duration.Seconds} s",
        _ => $"{(int)duration.TotalHours} h {duration.Minutes} min",
    };

    private static FormatException Invalid(string text) =>
        new($"'{text}' is not a duration: write e.g. 90s, 10m, 1h30m or 00:10:00 (a bare number means seconds).");
}
