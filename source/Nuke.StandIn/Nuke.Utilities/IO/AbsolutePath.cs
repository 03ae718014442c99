using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Nuke.Common.IO;

/// <summary>
/// An absolute, normalized path to a file or a directory. Converts implicitly from and to <see cref="string"/>;
/// <c>/</c> appends a segment.
/// </summary>
[DebuggerDisplay("{" + nameof(_path) + "}")]
public class AbsolutePath : IFormattable
{
    public const string DoubleQuote = "d";
    public const string DoubleQuoteIfNeeded = "dn";
    public const string SingleQuote = "s";
    public const string SingleQuoteIfNeeded = "sn";
    public const string NoQuotes = "nq";

    private readonly string _path;

    private AbsolutePath(string path)
    {
        _path = Normalize(path);
    }

    public static AbsolutePath Create(string path) => new(path);

    [return: NotNullIfNotNull(nameof(path))]
    public static implicit operator AbsolutePath?(string? path)
    {
        if (path is null)
            return null;

        Assert.True(Path.IsPathRooted(path), $"Path '{path}' must be rooted");
        return new AbsolutePath(path);
    }

    [return: NotNullIfNotNull(nameof(path))]
    public static implicit operator string?(AbsolutePath? path) => path?.ToString();

    /// <summary>The name of the file or directory (last segment).</summary>
    public string Name => Path.GetFileName(_path);

    public string NameWithoutExtension => Path.GetFileNameWithoutExtension(_path);

    /// <summary>The extension including the dot.</summary>
    public string Extension => Path.GetExtension(_path);

    /// <summary>The containing directory, or <c>null</c> for a root.</summary>
    public AbsolutePath? Parent => Path.GetDirectoryName(_path) is { } parent ? new AbsolutePath(parent) : null;

    public static AbsolutePath operator /(AbsolutePath left, string? right)
        => new(right is null ? left._path : Path.Combine(left._path, right));

    public static AbsolutePath operator +(AbsolutePath left, string? right) => new(left._path + right);

    public static bool operator ==(AbsolutePath? a, AbsolutePath? b) => Equals(a, b);

    public static bool operator !=(AbsolutePath? a, AbsolutePath? b) => !Equals(a, b);

    protected bool Equals(AbsolutePath other) => string.Equals(_path, other._path, OperatingSystem.IsWindows()
        ? StringComparison.OrdinalIgnoreCase
        : StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is AbsolutePath other && other.GetType() == GetType() && Equals(other);

    public override int GetHashCode() => OperatingSystem.IsWindows()
        ? StringComparer.OrdinalIgnoreCase.GetHashCode(_path)
        : _path.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => _path;

    /// <summary>Formats with <c>d</c>, <c>dn</c>, <c>s</c>, <c>sn</c> (quoting) or <c>nq</c> (as is).</summary>
    public string ToString(string? format) => ((IFormattable) this).ToString(format, formatProvider: null);

    string IFormattable.ToString(string? format, IFormatProvider? formatProvider)
        => format switch
        {
            null or NoQuotes => _path,
            DoubleQuote => $"\"{_path}\"",
            DoubleQuoteIfNeeded => NeedsQuotes(_path) ? $"\"{_path}\"" : _path,
            SingleQuote => $"'{_path}'",
            SingleQuoteIfNeeded => NeedsQuotes(_path) ? $"'{_path}'" : _path,
            _ => throw new ArgumentException($"Format '{format}' is not recognized; use d, dn, s, sn or nq.")
        };

    private static bool NeedsQuotes(string path) => path.Any(char.IsWhiteSpace);

    private static string Normalize(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        return full.Length > root.Length ? Path.TrimEndingDirectorySeparator(full) : full;
    }
}
