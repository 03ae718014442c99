namespace ArtifactRegistry.FileSystem;

/// <summary>Directories that hold credentials: created readable by their owner only.</summary>
internal static class PrivateDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (mode 0700 on Unix) unless it exists; an existing directory keeps its mode.</summary>
    public static void Ensure(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else
            Directory.CreateDirectory(path, OwnerOnly);
    }
}
