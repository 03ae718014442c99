using ArtifactRegistry.Processes;
using ArtifactRegistry.Testing;

namespace ArtifactRegistry.IntegrationTests.Publishing;

/// <summary>An application's sources in a throwaway git repository: a Dockerfile and files, committed with the real git.</summary>
internal sealed class SourceTree : IDisposable
{
    private SourceTree(string path) => Path = path;

    public string Path { get; }

    public static async Task<SourceTree> CreateAsync(string dockerfile, IReadOnlyDictionary<string, string> files)
    {
        Prerequisites.RequireProgram("git");
        var tree = new SourceTree(Directory.CreateTempSubdirectory("ar-src-").FullName);
        await tree.GitAsync("init", "--quiet", "--initial-branch=main");
        tree.Write("Dockerfile", dockerfile);
        foreach (var (name, content) in files)
            tree.Write(name, content);
        await tree.CommitAsync("first");
        return tree;
    }

    /// <summary>FROM scratch with one file whose text makes the image unique.</summary>
    public static Task<SourceTree> ScratchAsync(string payload) =>
        CreateAsync("FROM scratch\nCOPY payload.txt /payload.txt\n", new Dictionary<string, string> { ["payload.txt"] = payload });

    public void Write(string relativePath, string content)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public async Task CommitAsync(string message)
    {
        await GitAsync("add", "--all");
        await GitAsync("commit", "--quiet", "--no-gpg-sign", "-m", message);
    }

    public async Task<string> GitAsync(params string[] arguments)
    {
        var result = await ProcessCommand.For("git")
            .WithArguments(arguments)
            .WithWorkingDirectory(Path)
            .WithEnvironment(variables => variables
                .Set("GIT_CONFIG_GLOBAL", "/dev/null").Set("GIT_CONFIG_NOSYSTEM", "1")
                .Set("GIT_AUTHOR_NAME", "Test").Set("GIT_AUTHOR_EMAIL", "test@example.com")
                .Set("GIT_COMMITTER_NAME", "Test").Set("GIT_COMMITTER_EMAIL", "test@example.com"))
            .ExecuteAsync();
        return result.StandardOutput.Trim();
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
