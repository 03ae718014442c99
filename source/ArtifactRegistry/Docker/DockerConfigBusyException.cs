namespace ArtifactRegistry.Docker;

/// <summary>Another process kept the docker config file locked for longer than the allowed wait.</summary>
public sealed class DockerConfigBusyException : Exception
{
    /// <summary>Creates the exception for <paramref name="configPath"/>, whose lock <paramref name="lockPath"/> stayed held for <paramref name="waited"/>.</summary>
    public DockerConfigBusyException(string configPath, string lockPath, TimeSpan waited)
        : base($"The docker config file '{configPath}' stayed locked by another process for {waited.TotalSeconds:0.#} s " +
               $"(lock file '{lockPath}', held while a build edits the file). " +
               "Wait for the other build to finish, or raise the lock timeout; the lock is released automatically when its holder exits.")
    {
        ConfigPath = configPath;
        LockPath = lockPath;
    }

    /// <summary>The docker config file.</summary>
    public string ConfigPath { get; }

    /// <summary>The lock file another process held.</summary>
    public string LockPath { get; }
}
