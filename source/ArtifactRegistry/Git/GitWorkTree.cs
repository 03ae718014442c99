using ArtifactRegistry.Hints;
using System.Globalization;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Git;

/// <summary>Reads the state of a git work tree through the <c>git</c> CLI (which honours every git setting a library would not).</summary>
internal sealed class GitWorkTree
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly IProcessRunner _runner;

    public GitWorkTree(IProcessRunner? runner = null) => _runner = runner ?? ProcessRunner.Default;

    /// <summary>HEAD, dirtiness, tags on HEAD and the origin URL of the work tree containing <paramref name="directory"/>.</summary>
    /// <exception cref="GitUnavailableException">Not a work tree git can read; the message says why and what to do.</exception>
    public async Task<GitWorkTreeState> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        directory = Path.GetFullPath(directory);
        if (!Directory.Exists(directory))
            throw new GitUnavailableException(directory, $"Cannot read git state of '{directory}': the folder does not exist.");

        // Four small processes at once: each costs a few milliseconds, together about one.
        var head = RunAsync(directory, ["log", "-1", "--format=%H%n%h%n%cI"], cancellationToken);
        var status = RunAsync(directory, ["status", "--porcelain", "--untracked-files=normal"], cancellationToken);
        var tags = RunAsync(directory, ["tag", "--points-at", "HEAD"], cancellationToken);
        var remote = RunAsync(directory, ["config", "--get", "remote.origin.url"], cancellationToken);
        await Task.WhenAll(head, status, tags, remote).ConfigureAwait(false);

        var headResult = await head;
        if (!headResult.IsSuccess)
            throw Unavailable(directory, headResult);
        var statusResult = await status;
        if (!statusResult.IsSuccess)
            throw Unavailable(directory, statusResult);

        var headLines = Lines(headResult.StandardOutput);
        if (headLines.Count < 3)
            throw new GitUnavailableException(directory, $"`git log -1` in '{directory}' printed '{headResult.StandardOutput.Trim()}', not a commit id, short id and date.");
        var tagResult = await tags;
        var remoteResult = await remote;
        return new GitWorkTreeState(
            CommitSha: headLines[0],
            ShortSha: headLines[1],
            CommitTime: DateTimeOffset.Parse(headLines[2], CultureInfo.InvariantCulture),
            IsDirty: Lines(statusResult.StandardOutput).Count > 0,
            TagsOnHead: tagResult.IsSuccess ? Lines(tagResult.StandardOutput) : [],
            RemoteUrl: remoteResult.IsSuccess && Lines(remoteResult.StandardOutput) is [var url, ..] ? GitRemoteUrl.WithoutCredentials(url) : null);
    }

    private async Task<ProcessResult> RunAsync(string directory, string[] arguments, CancellationToken cancellationToken)
    {
        var command = ProcessCommand.For("git")
            .WithArguments(arguments)
            .WithWorkingDirectory(directory)
            .WithEnvironment(environment => environment
                .Set("LC_ALL", "C") // messages are matched below
                .Set("GIT_TERMINAL_PROMPT", "0")
                .Set("GIT_OPTIONAL_LOCKS", "0"))
            .WithValidation(ProcessValidation.None)
            .WithTimeout(Timeout);
        try
        {
            return await _runner.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (ProgramNotFoundException exception)
        {
            throw new GitUnavailableException(directory,
                $"Cannot read git state of '{directory}': {exception.Message} " +
                $"Without git, give the image tags explicitly ({SettingNames.ImageTags}) and the OCI labels are left out.", exception).Naming(SettingNames.ImageTags);
        }
    }

    private static GitUnavailableException Unavailable(string directory, ProcessResult result)
    {
        var error = result.StandardError.Trim();
        var headline = $"Cannot read git state of '{directory}'";
        string message;
        if (error.Contains("not a git repository", StringComparison.OrdinalIgnoreCase))
            message = $"{headline}: it is not inside a git repository. Run the build from a git clone, " +
                      $"or give the image tags explicitly ({SettingNames.ImageTags}) when building from an export without .git.";
        else if (error.Contains("does not have any commits yet", StringComparison.OrdinalIgnoreCase))
            message = $"{headline}: the repository has no commit yet, so there is no commit id to tag with. " +
                      $"Commit first (`git commit`), or give the image tags explicitly ({SettingNames.ImageTags}).";
        else if (error.Contains("dubious ownership", StringComparison.OrdinalIgnoreCase))
            message = $"{headline}: git refuses a repository owned by another user (common in CI containers). " +
                      $"Trust it with `git config --global --add safe.directory {TopLevelNamed(error) ?? directory}`.";
        else
            message = $"{headline}: git exited with code {result.ExitCode}: {error}";
        return new GitUnavailableException(directory, message).Naming(SettingNames.ImageTags);
    }

    // "fatal: detected dubious ownership in repository at '/src'"
    private static string? TopLevelNamed(string error)
    {
        var start = error.IndexOf("repository at '", StringComparison.Ordinal);
        if (start < 0) return null;
        start += "repository at '".Length;
        var end = error.IndexOf('\'', start);
        return end > start ? error[start..end] : null;
    }

    private static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
