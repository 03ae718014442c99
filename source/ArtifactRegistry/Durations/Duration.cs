using ArtifactRegistry.Hints;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ArtifactRegistry.Durations;

/// <summary>
/// Durations as people type them in build parameters and environment variables: a number with a unit, <c>50ms</c>,
/// <c>2s</c>, <c>1.5m</c>, <c>2h</c>, <c>1d</c>, or several from the largest unit down, <c>1h30m</c>. Build parameters
/// that take durations are strings parsed here, because NUKE converts a <see cref="TimeSpan"/> parameter only from
/// <c>hh:mm:ss</c> and drops anything else with a warning.
/// </summary>
public static class Duration
{
    /// <summary>What a duration looks like, for messages and parameter descriptions.</summary>
    public const string Forms = "a number with a unit (ms, s, m, h or d), like 50ms, 2s, 1.5m or 1h30m";

    // Largest first: the order the parts of a duration must come in.
    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("d", TimeSpan.TicksPerDay), ("h", TimeSpan.TicksPerHour), ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond), ("ms", TimeSpan.TicksPerMillisecond),
    ];

    /// <summary>Parses <paramref name="text"/>, the value given for <paramref name="parameterName"/>.</summary>
    /// <param name="text">The value as typed, like <c>50ms</c> or <c>1h30m</c>.</param>
    /// <param name="parameterName">How the user gave it, like <c>--rollout-timeout</c>; the error message names it.</param>
    /// <exception cref="InvalidDurationException">The text is not a duration; the message says why and what to write.</exception>
    public static TimeSpan Parse(string? text, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parameterName);
        return TryParse(text, out var duration, out var problem)
            ? duration
            : throw new InvalidDurationException(parameterName, text ?? "", problem);
    }

    /// <summary>Parses <paramref name="text"/>, the value given for <paramref name="setting"/>, which the error message names.</summary>
    /// <exception cref="InvalidDurationException">The text is not a duration; the message says why and what to write.</exception>
    public static TimeSpan Parse(string? text, SettingName setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return TryParse(text, out var duration, out var problem)
            ? duration
            : throw new InvalidDurationException(setting, text ?? "", problem);
    }

    /// <summary>Parses <paramref name="text"/> as a duration; false when it is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan duration) => TryParse(text, out duration, out _);

    private static bool TryParse(string? text, out TimeSpan duration, [NotNullWhen(false)] out string? problem)
    {
        duration = TimeSpan.Zero;
        var rest = (text ?? "").Trim();
        if (rest.Length == 0)
        {
            problem = "it is empty";
            return false;
        }

        var ticks = 0m;
        var smallestUnitSoFar = -1;
        while (rest.Length > 0)
        {
            var numberLength = rest.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').Count();
            var number = rest[..numberLength];
            if (numberLength == 0)
            {
                problem = $"'{rest}' does not start with a number";
                return false;
            }

            if (number.StartsWith('.') || number.EndsWith('.') || number.Count(c => c == '.') > 1)
            {
                problem = $"'{number}' is not a number";
                return false;
            }

            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
                amount = decimal.MaxValue;

            rest = rest[numberLength..];
            var unitLength = rest.TakeWhile(c => !char.IsAsciiDigit(c) && c != '.').Count();
            var unit = rest[..unitLength];
            rest = rest[unitLength..];
            var index = Array.FindIndex(Units, u => u.Unit == unit);
            if (unitLength == 0)
            {
                problem = $"{number} has no unit";
                return false;
            }

            if (index < 0)
            {
                problem = $"'{unit}' is not a unit";
                return false;
            }

            if (index <= smallestUnitSoFar)
            {
                problem = index == smallestUnitSoFar
                    ? $"'{unit}' is given twice"
                    : $"'{unit}' comes after '{Units[smallestUnitSoFar].Unit}', and the larger unit goes first";
                return false;
            }

            smallestUnitSoFar = index;
            if (amount > (TimeSpan.MaxValue.Ticks - ticks) / Units[index].Ticks)
            {
                problem = $"it is longer than the longest duration, {TimeSpan.MaxValue.Days} days";
                return false;
            }

            ticks += amount * Units[index].Ticks;
        }

        duration = TimeSpan.FromTicks((long)decimal.Round(ticks));
        problem = null;
        return true;
    }
}
