using System.ComponentModel;
using System.Globalization;
using Nuke.Common.IO;

namespace Nuke.Common.Parameters;

/// <summary>
/// Turns the text given for a parameter into the member's type: strings, booleans (a bare flag is <c>true</c>), numbers,
/// enums, <see cref="TimeSpan"/>, <see cref="AbsolutePath"/>, <see cref="Uri"/>, nullable types, arrays and lists.
/// </summary>
internal static class ParameterValueConverter
{
    /// <param name="values">The words given; empty for a bare flag.</param>
    /// <param name="type">The destination type.</param>
    /// <param name="workingDirectory">What relative paths are relative to.</param>
    /// <param name="origin">Names the parameter and where the value came from, for error messages.</param>
    public static object? Convert(IReadOnlyList<string> values, Type type, string workingDirectory, ValueOrigin origin)
    {
        if (ElementTypeOf(type) is { } elementType)
        {
            var items = values.Select(x => ConvertScalar(x, elementType, workingDirectory, origin)).ToList();
            var array = Array.CreateInstance(elementType, items.Count);
            for (var i = 0; i < items.Count; i++)
                array.SetValue(items[i], i);

            return type.IsArray || type.IsInterface ? array : Activator.CreateInstance(type, array);
        }

        var scalarType = Nullable.GetUnderlyingType(type) ?? type;
        if (values.Count == 0)
        {
            if (scalarType == typeof(bool))
                return true;
            throw new ParameterException(
                $"Parameter '{origin.Name}' is given in {origin.Source} without a value; give it one, like {ExampleFor(scalarType)}.");
        }

        if (values.Count > 1)
        {
            throw new ParameterException(
                $"{origin.Describe(string.Join(" ", values))}, but it takes a single value, like {ExampleFor(scalarType)}.{TargetsFirstHint(values, origin)}");
        }

        return ConvertScalar(values[0], scalarType, workingDirectory, origin);
    }

    /// <summary>Every word after <c>--name</c> is its value, so targets written after a parameter land here.</summary>
    private static string TargetsFirstHint(IReadOnlyList<string> values, ValueOrigin origin)
    {
        if (origin.CommandLineSpelling is not { } spelling || origin.IsSecret)
            return string.Empty;

        var extra = string.Join(" ", values.Skip(1));
        var are = values.Count > 2 ? "are targets, name them" : "is a target, name it";
        return $" If '{extra}' {are} before the parameters: {extra} {spelling} {values[0]}";
    }

    private static Type? ElementTypeOf(Type type)
    {
        if (type == typeof(string))
            return null;
        if (type.IsArray)
            return type.GetElementType();
        if (!type.IsGenericType)
            return null;

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>) ||
               definition == typeof(IReadOnlyList<>) || definition == typeof(List<>)
            ? type.GetGenericArguments()[0]
            : null;
    }

    private static object ConvertScalar(string text, Type type, string workingDirectory, ValueOrigin origin)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var culture = CultureInfo.InvariantCulture;

        object? result = type switch
        {
            _ when type == typeof(string) => text,
            _ when type == typeof(bool) => text.Trim().ToLowerInvariant() switch
            {
                "true" or "1" or "yes" => true,
                "false" or "0" or "no" => false,
                _ => null
            },
            _ when type.IsEnum => Enum.GetNames(type).FirstOrDefault(x => x.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
                ? Enum.Parse(type, name)
                : null,
            _ when type == typeof(int) => int.TryParse(text, NumberStyles.Integer, culture, out var value) ? value : null,
            _ when type == typeof(long) => long.TryParse(text, NumberStyles.Integer, culture, out var value) ? value : null,
            _ when type == typeof(double) => double.TryParse(text, NumberStyles.Float, culture, out var value) ? value : null,
            _ when type == typeof(decimal) => decimal.TryParse(text, NumberStyles.Number, culture, out var value) ? value : null,
            _ when type == typeof(TimeSpan) => ParseDuration(text),
            _ when type == typeof(AbsolutePath) => (AbsolutePath) Path.GetFullPath(text, workingDirectory),
            _ when type == typeof(Uri) => Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null,
            _ => ConvertWithTypeConverter(text, type)
        };

        return result ?? throw new ParameterException($"{origin.Describe(text)}, which is not {Expected(type)}.");
    }

    private static object? ConvertWithTypeConverter(string text, Type type)
    {
        var converter = TypeDescriptor.GetConverter(type);
        if (!converter.CanConvertFrom(typeof(string)))
            throw new ParameterException($"Parameters of type {type.Name} are not supported; use a string and convert it in the build.");

        try
        {
            return converter.ConvertFromInvariantString(text);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary><c>00:05:00</c>, or a number with a unit: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>.</summary>
    private static TimeSpan? ParseDuration(string text)
    {
        text = text.Trim();
        (string Suffix, Func<double, TimeSpan> Create)[] units =
        [
            ("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes),
            ("h", TimeSpan.FromHours), ("d", TimeSpan.FromDays)
        ];

        foreach (var (suffix, create) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) &&
                double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
                return create(amount);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(bool) => "a boolean: use true or false",
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ when type == typeof(int) || type == typeof(long) => "a whole number, like 42",
        _ when type == typeof(double) || type == typeof(decimal) => "a number, like 1.5",
        _ when type == typeof(TimeSpan) => "a duration, like 00:05:00, 30s or 5m",
        _ when type == typeof(Uri) => "an absolute URI, like https://example.com",
        _ => $"a valid {type.Name}"
    };

    private static string ExampleFor(Type type) => type switch
    {
        _ when type.IsEnum => Enum.GetNames(type).FirstOrDefault() ?? "a name",
        _ when type == typeof(int) || type == typeof(long) => "42",
        _ when type == typeof(TimeSpan) => "30s",
        _ => "<value>"
    };
}
