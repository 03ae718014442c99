using System.Security.Cryptography;

namespace ArtifactRegistry.FileSystem;

/// <summary>
/// Replaces a file's content so that a reader (or a crash) only ever sees the old content or the new one:
/// the new bytes go to a temporary file in the same directory, are flushed to disk, and are renamed over the target.
/// </summary>
internal static class AtomicFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically; the result is readable and writable by the owner only.</summary>
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = OwnerReadWrite;

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            // rename(2) within one directory is atomic: the target is either the old file or the complete new one.
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Deletes temporary files a writer killed mid-write left next to <paramref name="path"/>. Only safe while holding the
    /// lock that every writer of the file takes, since a live writer's temporary file looks the same.
    /// </summary>
    public static int DeleteAbandonedTemporaryFiles(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
            return 0;
        var abandoned = Directory.GetFiles(directory, $".{Path.GetFileName(path)}.*.tmp");
        foreach (var file in abandoned)
            TryDelete(file);
        return abandoned.Length;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
