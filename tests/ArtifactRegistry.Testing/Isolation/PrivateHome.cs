using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Testing.Isolation;

/// <summary>
/// A home folder of a test's own for the programs it starts. <see cref="EnvironmentVariables"/> points <c>HOME</c> and every
/// folder programs derive from it (<c>XDG_CONFIG_HOME</c>, <c>XDG_CACHE_HOME</c>, <c>XDG_DATA_HOME</c>, <c>XDG_STATE_HOME</c>,
/// kubectl's <c>KUBECACHEDIR</c>) inside it, so kubectl's caches, the GKE plugin's token cache, gcloud's and docker's default
/// configs and git's settings land there, never in the real home, and go away with it.
/// </summary>
public sealed class PrivateHome : IDisposable
{
    private readonly TempDirectory? _owned;

    private PrivateHome(string path, TempDirectory? owned)
    {
        Path = path;
        _owned = owned;
    }

    public string Path { get; }

    /// <summary>The variables that make a program use this home; give them to the program's environment.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables => new Dictionary<string, string>
    {
        ["HOME"] = Path,
        ["XDG_CONFIG_HOME"] = Combine(".config"),
        ["XDG_CACHE_HOME"] = Combine(".cache"),
        ["XDG_DATA_HOME"] = Combine(".local", "share"),
        ["XDG_STATE_HOME"] = Combine(".local", "state"),
        ["KUBECACHEDIR"] = Combine(".kube", "cache"),
    };

    /// <summary>A fresh home in the system temp folder (<c>{prefix}XXXXXXXX</c>), deleted on <see cref="Dispose"/>.</summary>
    public static PrivateHome Create(string prefix = "ard-home-")
    {
        var directory = TempDirectory.Create(prefix);
        return new PrivateHome(directory.Path, directory);
    }

    /// <summary>A home at <paramref name="directory"/> (created 0700) inside a folder the caller deletes; <see cref="Dispose"/> leaves it.</summary>
    public static PrivateHome At(string directory)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new PrivateHome(directory, null);
    }

    public string Combine(params string[] relativeParts) => System.IO.Path.Combine([Path, .. relativeParts]);

    public void Dispose() => _owned?.Dispose();

    public override string ToString() => Path;
}
