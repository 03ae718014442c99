namespace ArtifactRegistry.Docker;

/// <summary>Another process kept the docker config file locked for longer than the allowed wait.</summary>
public sealed class DockerConfigBusyException : Exception
{
    public DockerConfigBusyException(string configPath, string lockPath, TimeSpan waited)
        : base($"The docker config file '{configPath}' stayed locked by another process for {waited.TotalSeconds:0.#} s " +
               $"(lock file '{lockPath}', held while a build edits the file). " +
               "Wait for the other build to finish, or raise the lock timeout; the lock is released automatically when its holder exits.")
    {
        ConfigPath = configPath;
        LockPath = lockPath;
    }

    public string ConfigPath { get; }

    public string LockPath { get; }
}
