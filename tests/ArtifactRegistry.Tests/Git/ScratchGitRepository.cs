using ArtifactRegistry.Processes;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Tests.Git;

/// <summary>A throwaway git repository in a temporary folder, driven by the real git with the machine's own git settings kept out.</summary>
internal sealed class ScratchGitRepository : IDisposable
{
    private readonly TempDirectory _directory;

    private ScratchGitRepository(TempDirectory directory) => _directory = directory;

    public string Path => _directory.Path;

    public static async Task<ScratchGitRepository> InitAsync()
    {
        Prerequisites.RequireProgram("git");
        var repository = new ScratchGitRepository(TempDirectory.Create("ard-git-"));
        await repository.GitAsync("init", "--quiet", "--initial-branch=main");
        return repository;
    }

    public string WriteFile(string relativePath, string content) => _directory.WriteFile(relativePath, content);

    public async Task CommitAllAsync(string message, DateTimeOffset? date = null)
    {
        await GitAsync("add", "--all");
        var when = (date ?? DateTimeOffset.Parse("2026-01-02T03:04:05+00:00")).ToString("yyyy-MM-ddTHH:mm:sszzz");
        await GitAsync(["commit", "--quiet", "--no-gpg-sign", "-m", message], ("GIT_COMMITTER_DATE", when), ("GIT_AUTHOR_DATE", when));
    }

    public async Task<string> GitAsync(params string[] arguments) => await GitAsync(arguments, []);

    public async Task<string> GitAsync(string[] arguments, params (string Name, string Value)[] environment)
    {
        var result = await ProcessCommand.For("git")
            .WithArguments(arguments)
            .WithWorkingDirectory(Path)
            .WithEnvironment(variables =>
            {
                variables.Set("GIT_CONFIG_GLOBAL", "/dev/null").Set("GIT_CONFIG_NOSYSTEM", "1")
                    .Set("GIT_AUTHOR_NAME", "Test").Set("GIT_AUTHOR_EMAIL", "test@example.com")
                    .Set("GIT_COMMITTER_NAME", "Test").Set("GIT_COMMITTER_EMAIL", "test@example.com");
                foreach (var (name, value) in environment)
                    variables.Set(name, value);
            })
            .ExecuteAsync();
        return result.StandardOutput.Trim();
    }

    public void Dispose() => _directory.Dispose();
}
