using System.Security.Cryptography;

namespace ArtifactRegistry.Testing.FileSystem;

/// <summary>A private (0700) temporary directory, deleted with everything in it on <see cref="Dispose"/>.</summary>
public sealed class TempDirectory : IDisposable
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private TempDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>Creates <c>{parent}/{prefix}XXXXXXXX</c>; the parent defaults to the system temp folder.</summary>
    public static TempDirectory Create(string prefix = "art-", string? parent = null)
    {
        parent ??= System.IO.Path.GetTempPath();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var path = System.IO.Path.Combine(parent, prefix + RandomNumberGenerator.GetString(Alphabet, 8));
            if (System.IO.Directory.Exists(path))
                continue;
            if (OperatingSystem.IsWindows())
                System.IO.Directory.CreateDirectory(path);
            else
                System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return new TempDirectory(path);
        }
        throw new IOException($"Could not create a fresh temporary directory named {prefix}* in {parent}.");
    }

    public string Combine(params string[] relativeParts) => System.IO.Path.Combine([Path, .. relativeParts]);

    /// <summary>Writes a text file (creating its folders) and returns its full path.</summary>
    public string WriteFile(string relativePath, string content, UnixFileMode? mode = null)
    {
        var path = Combine(relativePath);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (mode is { } unixMode && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, unixMode);
        return path;
    }

    public bool Exists => System.IO.Directory.Exists(Path);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Path))
            System.IO.Directory.Delete(Path, recursive: true);
    }

    public override string ToString() => Path;
}
