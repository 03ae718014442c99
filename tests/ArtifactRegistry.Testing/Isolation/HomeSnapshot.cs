using System.Collections.Immutable;

namespace ArtifactRegistry.Testing.Isolation;

/// <summary>
/// What a home folder holds where the programs the tests start keep their state: every folder and file (size and write time)
/// under <see cref="Watched"/>. Taken before and after a test run, it shows whatever appeared, vanished or changed.
/// </summary>
public sealed class HomeSnapshot
{
    /// <summary>kubectl and the GKE plugin, gcloud, docker, git, python, skopeo and anything following the XDG layout.</summary>
    public static readonly ImmutableArray<string> Watched =
        [".kube", ".docker", ".config", ".cache", ".local", ".gitconfig", ".git-credentials", ".python_history", ".gsutil", ".boto", ".nuke"];

    /// <summary>
    /// NuGet's own folder (http-cache, plugins-cache): the tests that run dotnet share the machine's NuGet and dotnet folders on
    /// purpose (<c>DOTNET_CLI_HOME</c>), as a private one would download every package again; so do other builds on the machine.
    /// </summary>
    public static readonly ImmutableArray<string> NotWatched = [Path.Combine(".local", "share", "NuGet")];

    private readonly ImmutableSortedDictionary<string, string> _entries;

    private HomeSnapshot(string home, ImmutableSortedDictionary<string, string> entries)
    {
        Home = home;
        _entries = entries;
    }

    public string Home { get; }

    public static HomeSnapshot Take(string home)
    {
        var entries = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var watched in Watched)
            Add(home, watched, entries);
        return new HomeSnapshot(home, entries.ToImmutable());
    }

    /// <summary>One line per folder or file that appeared, vanished or changed since <paramref name="earlier"/>, in path order.</summary>
    public IReadOnlyList<string> ChangesSince(HomeSnapshot earlier)
    {
        var changes = new List<string>();
        foreach (var (path, state) in _entries)
        {
            if (!earlier._entries.TryGetValue(path, out var before))
                changes.Add($"appeared: {path} ({state})");
            else if (before != state)
                changes.Add($"changed: {path} ({before} -> {state})");
        }
        changes.AddRange(earlier._entries.Keys.Where(path => !_entries.ContainsKey(path)).Select(path => $"vanished: {path}"));
        return changes.OrderBy(change => change[(change.IndexOf(' ') + 1)..], StringComparer.Ordinal).ToList();
    }

    private static void Add(string home, string relative, ImmutableSortedDictionary<string, string>.Builder entries)
    {
        if (NotWatched.Contains(relative))
            return;
        var path = Path.Combine(home, relative);
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            entries[relative] = $"link to {target}"; // never followed: a link may lead out of the home or in a circle
            return;
        }
        if (!info.Exists)
            return;
        if (info is FileInfo file)
        {
            entries[relative] = $"{file.Length} bytes, written {file.LastWriteTimeUtc:O}";
            return;
        }
        // A folder that merely leads to a folder not watched (.local, .local/share) is not recorded: NuGet may create it.
        if (!NotWatched.Any(excluded => excluded.StartsWith(relative + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            entries[relative] = "folder";
        foreach (var child in Directory.EnumerateFileSystemEntries(path))
            Add(home, Path.Combine(relative, Path.GetFileName(child)), entries);
    }
}
