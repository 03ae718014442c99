using System.Runtime.CompilerServices;
using System.Text;

namespace Nuke.Common.IO;

/// <summary>File-system operations on <see cref="AbsolutePath"/>.</summary>
public static class AbsolutePathExtensions
{
    public static bool FileExists(this AbsolutePath path) => File.Exists(path);

    public static bool DirectoryExists(this AbsolutePath path) => Directory.Exists(path);

    /// <summary>
    /// Whether a file or a directory exists; which one is inferred from the argument's name, as in NUKE
    /// (<c>*File</c>, <c>*Executable</c>, <c>*Exe</c>, <c>*Script</c> or <c>*Directory</c>, <c>*Dir</c>, <c>*Folder</c>).
    /// </summary>
    public static bool Exists(this AbsolutePath path, [CallerArgumentExpression(nameof(path))] string? expression = null)
    {
        static bool EndsWithAny(string text, params string[] suffixes)
            => suffixes.Any(x => text.EndsWith(x, StringComparison.OrdinalIgnoreCase));

        var name = expression ?? string.Empty;
        if (EndsWithAny(name, "file", "executable", "exe", "script"))
            return path.FileExists();
        if (EndsWithAny(name, "directory", "dir", "folder"))
            return path.DirectoryExists();

        throw new ArgumentException($"Cannot infer from argument '{name}' if either file or directory must exist");
    }

    public static AbsolutePath CreateDirectory(this AbsolutePath path)
    {
        Directory.CreateDirectory(path);
        return path;
    }

    public static AbsolutePath CreateOrCleanDirectory(this AbsolutePath path)
    {
        path.DeleteDirectory();
        return path.CreateDirectory();
    }

    /// <summary>Deletes the directory recursively when it exists.</summary>
    public static void DeleteDirectory(this AbsolutePath path)
    {
        if (!path.DirectoryExists())
            return;

        // Read-only files (git objects, packed outputs) would otherwise make the recursive delete fail.
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(path, recursive: true);
    }

    /// <summary>Deletes the file when it exists.</summary>
    public static void DeleteFile(this AbsolutePath path)
    {
        if (!path.FileExists())
            return;

        File.SetAttributes(path, FileAttributes.Normal);
        File.Delete(path);
    }

    public static void DeleteDirectories(this IEnumerable<AbsolutePath> paths)
    {
        foreach (var path in paths)
            path.DeleteDirectory();
    }

    /// <summary>Reads the file as one string (UTF-8 unless told otherwise).</summary>
    public static string ReadAllText(this AbsolutePath path, Encoding? encoding = null)
    {
        Assert.FileExists(path);
        return File.ReadAllText(path, encoding ?? Encoding.UTF8);
    }

    /// <summary>Writes the text (UTF-8 without BOM), creating the directory; ends it with one line break unless told not to. Returns the path.</summary>
    public static AbsolutePath WriteAllText(this AbsolutePath path, string content, Encoding? encoding = null, bool? eofLineBreak = null)
    {
        path.Parent?.CreateDirectory();

        if (eofLineBreak ?? true)
            content = content.TrimEnd('\r', '\n') + (content.Contains("\r\n") ? "\r\n" : "\n");

        File.WriteAllText(path, content, encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
