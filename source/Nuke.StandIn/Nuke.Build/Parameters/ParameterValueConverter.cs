using System.ComponentModel;
using Nuke.Common.IO;

namespace Nuke.Common.Parameters;

/// <summary>
/// Turns the text given for a parameter into the member's type exactly as NUKE 10.1 does: each word through the type's
/// <see cref="TypeDescriptor"/> converter (a <see cref="TimeSpan"/> is <c>[d.]hh:mm[:ss]</c>, a <see cref="bool"/> is
/// <c>true</c> or <c>false</c>, an enum is one of its names), several words only into an array, a bare flag
/// <c>true</c> for a boolean and nothing at all for other types. A relative <see cref="AbsolutePath"/> is taken from the
/// working directory. What NUKE cannot convert is refused here too, so a build tried with the stand-in does not
/// accept a value that real NUKE would drop.
/// </summary>
internal static class ParameterValueConverter
{
    /// <param name="values">The words given; empty for a bare flag.</param>
    /// <param name="type">The destination type.</param>
    /// <param name="workingDirectory">What relative paths are relative to.</param>
    /// <param name="origin">Names the parameter and where the value came from, for error messages.</param>
    public static object? Convert(IReadOnlyList<string> values, Type type, string workingDirectory, ValueOrigin origin)
    {
        values = values.Where(x => !string.IsNullOrWhiteSpace(x)).ToList();
        var elementType = type.IsArray ? type.GetElementType()! : type;

        if (values.Count == 0)
        {
            if (type.IsArray)
                return Array.CreateInstance(elementType, 0);
            // NUKE: a flag without a value is true on the command line, false elsewhere.
            return type == typeof(bool) || type == typeof(bool?) ? origin.CommandLineSpelling != null : null;
        }

        if (!type.IsArray)
        {
            return values.Count == 1
                ? ConvertScalar(values[0], elementType, workingDirectory, origin)
                : throw new ParameterException(
                    $"{origin.Describe(string.Join(" ", values))}, but it takes a single value.{TargetsFirstHint(values, origin)}");
        }

        var converted = values.Select(x => ConvertScalar(x, elementType, workingDirectory, origin)).ToList();
        var array = Array.CreateInstance(elementType, converted.Count);
        for (var i = 0; i < converted.Count; i++)
            array.SetValue(converted[i], i);
        return array;
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

    private static object? ConvertScalar(string text, Type type, string workingDirectory, ValueOrigin origin)
    {
        if (type.IsInstanceOfType(text))
            return text;

        if (type == typeof(AbsolutePath))
            return (AbsolutePath) Path.GetFullPath(text, workingDirectory);

        try
        {
            return TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);
        }
        catch (Exception)
        {
            throw new ParameterException($"{origin.Describe(text)}, which is not {Expected(Nullable.GetUnderlyingType(type) ?? type)}.");
        }
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(bool) => "a boolean: use true or false",
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ when type == typeof(int) || type == typeof(long) => "a whole number, like 42",
        _ when type == typeof(double) || type == typeof(decimal) => "a number, like 1.5",
        _ when type == typeof(TimeSpan) => "a TimeSpan written [d.]hh:mm[:ss], like 00:05:00",
        _ => $"a valid {type.Name}"
    };
}
