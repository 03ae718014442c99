using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Git;

/// <summary>The folder is not a git work tree git can read (no repository, no commit yet, an untrusted owner, git missing).</summary>
public sealed class GitUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="directory"/> with a message that says what is wrong and the fix.</summary>
    public GitUnavailableException(string directory, string message, Exception? innerException = null)
        : base(message, innerException) => Directory = directory;

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);

    /// <summary>The folder git was asked about.</summary>
    public string Directory { get; }
}
