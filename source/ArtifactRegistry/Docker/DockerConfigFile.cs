using ArtifactRegistry.Hints;
using ArtifactRegistry.FileSystem;

namespace ArtifactRegistry.Docker;

/// <summary>
/// The docker client's config file (<c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>), read and edited the way
/// docker expects: every field kept, written atomically with mode 0600, serialised between concurrent builds.
/// </summary>
public sealed class DockerConfigFile
{
    /// <summary>The name docker gives the file inside its config directory.</summary>
    public const string FileName = "config.json";

    /// <summary>The environment variable that moves docker's config directory.</summary>
    public const string DirectoryVariable = "DOCKER_CONFIG";

    /// <summary>The credential helper installed with the gcloud CLI (<c>docker-credential-gcloud</c>).</summary>
    public const string GcloudHelper = "gcloud";

    private static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);
    private const int MaxConcurrentEditRetries = 5;

    private DockerConfigFile(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>The full path of the config file (it may not exist yet).</summary>
    public string Path { get; }

    /// <summary>The config file of a given path.</summary>
    internal static DockerConfigFile At(string path) => new(path);

    /// <summary>The config file of a docker config directory (what <c>DOCKER_CONFIG</c> names).</summary>
    public static DockerConfigFile InDirectory(string directory) => new(System.IO.Path.Combine(directory, FileName));

    /// <summary>The config file the docker CLI of this process would use.</summary>
    public static DockerConfigFile Locate() =>
        Locate(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The config file docker would use given an environment and a home directory (tests pass their own).</summary>
    public static DockerConfigFile Locate(Func<string, string?> environment, string homeDirectory)
    {
        var directory = environment(DirectoryVariable);
        return string.IsNullOrWhiteSpace(directory)
            ? InDirectory(System.IO.Path.Combine(homeDirectory, ".docker"))
            : InDirectory(directory);
    }

    /// <summary>Whether the file exists.</summary>
    public bool Exists => File.Exists(Path);

    /// <summary>Reads the file; a missing file reads as an empty configuration, like docker does.</summary>
    /// <exception cref="DockerConfigMalformedException">The file is not JSON docker could read.</exception>
    public DockerConfig Read()
    {
        var bytes = ReadBytes();
        return bytes is null ? DockerConfig.Empty(Path) : DockerConfig.Parse(Path, bytes);
    }

    /// <summary>
    /// Makes sure <c>credHelpers[host]</c> is <paramref name="helper"/> for each of <paramref name="hosts"/> and for nothing else.
    /// When that is already so the file is only read. Otherwise it is re-read under a lock shared with other builds, changed,
    /// and replaced atomically (mode 0600), so two builds adding different hosts at once both end up in a valid file.
    /// </summary>
    /// <exception cref="Hints.SettingsException">A host is not a bare registry host.</exception>
    /// <exception cref="DockerConfigMalformedException">The file is not valid JSON; it is left untouched.</exception>
    /// <exception cref="DockerConfigBusyException">Another build held the lock longer than <paramref name="lockTimeout"/>.</exception>
    public CredentialHelperChange EnsureCredentialHelper(IEnumerable<string> hosts, string helper = GcloudHelper, TimeSpan? lockTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(helper);
        var wanted = hosts.Select(ValidateHost).Distinct(StringComparer.Ordinal).ToList();

        var current = Read();
        var change = Compare(current, wanted, helper);
        if (!change.Written)
            return change;

        var timeout = lockTimeout ?? DefaultLockTimeout;
        PrivateDirectory.Ensure(DirectoryOf(TargetPath()));
        var lockPath = Path + ".lock";
        using var held = FileLock.TryAcquire(lockPath, timeout) ?? throw new DockerConfigBusyException(Path, lockPath, timeout);
        AtomicFile.DeleteAbandonedTemporaryFiles(TargetPath());

        // Builds that do not take the lock (gcloud, docker login) may still write in between: compare and retry.
        for (var attempt = 1; ; attempt++)
        {
            var before = ReadBytes();
            current = before is null ? DockerConfig.Empty(Path) : DockerConfig.Parse(Path, before);
            change = Compare(current, wanted, helper);
            if (!change.Written)
                return change;

            var updated = current.WithCredentialHelpers(change.AddedHosts.Concat(change.ReplacedHelpers.Keys), helper);
            var target = TargetPath();
            if (attempt < MaxConcurrentEditRetries && !SameBytes(before, ReadBytes()))
                continue;
            AtomicFile.Write(target, updated.ToUtf8Bytes());
            return change;
        }
    }

    /// <summary>Writes a whole configuration (atomically, mode 0600); used for build-scoped config directories.</summary>
    internal void Write(DockerConfig config)
    {
        PrivateDirectory.Ensure(DirectoryOf(TargetPath()));
        AtomicFile.Write(TargetPath(), config.At(Path).ToUtf8Bytes());
    }

    /// <summary>The <see cref="Path"/>.</summary>
    public override string ToString() => Path;

    private static CredentialHelperChange Compare(DockerConfig config, IReadOnlyList<string> hosts, string helper)
    {
        var added = new List<string>();
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal);
        var unchanged = new List<string>();
        foreach (var host in hosts)
        {
            var existing = config.CredentialHelperFor(host);
            if (existing == helper)
                unchanged.Add(host);
            else if (existing is null)
                added.Add(host);
            else
                replaced[host] = existing;
        }
        return new CredentialHelperChange(config.Path, helper, added, replaced, unchanged, config.CredentialsStore);
    }

    private byte[]? ReadBytes()
    {
        try
        {
            return File.ReadAllBytes(Path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Where the bytes really live: a symlinked config.json (dotfile managers) keeps its link, its target is replaced.</summary>
    private string TargetPath()
    {
        var link = File.Exists(Path) ? File.ResolveLinkTarget(Path, returnFinalTarget: true) : null;
        return link?.FullName ?? Path;
    }

    private static string DirectoryOf(string path) => System.IO.Path.GetDirectoryName(path)!;

    private static bool SameBytes(byte[]? a, byte[]? b) =>
        a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private static string ValidateHost(string host)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        if (host.Contains("://", StringComparison.Ordinal) || host.Contains('/') || host.Any(char.IsWhiteSpace))
            throw new SettingsException(
                $"'{host}' is not a registry host.{Environment.NewLine}" +
                $"Docker looks credential helpers up by the bare host, so a scheme, a path or a blank would never match.{Environment.NewLine}" +
                "Give the bare host, e.g. AddExtraHosts(\"asia-docker.pkg.dev\").");
        return host;
    }
}
