using System.Diagnostics;

namespace ArtifactRegistry.FileSystem;

/// <summary>
/// An advisory lock between processes, held as an exclusively opened lock file next to the file it guards.
/// The operating system releases it when the holder exits, even after a crash, so a leftover lock file is harmless.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(15);
    private readonly FileStream _stream;

    private FileLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>Takes the lock, retrying while another process holds it; <see langword="null"/> when <paramref name="timeout"/> passes first.</summary>
    public static FileLock? TryAcquire(string lockPath, TimeSpan timeout)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            // FileShare.None is enforced between processes on Unix with flock(LOCK_EX), on Windows natively.
            Share = FileShare.None,
            Options = FileOptions.None,
        };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileLock(lockPath, new FileStream(lockPath, options));
            }
            // A sharing violation is a plain IOException; its subclasses (missing directory, ...) are real errors.
            catch (IOException e) when (e.GetType() == typeof(IOException))
            {
                if (stopwatch.Elapsed >= timeout)
                    return null;
                Thread.Sleep(RetryDelay);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
