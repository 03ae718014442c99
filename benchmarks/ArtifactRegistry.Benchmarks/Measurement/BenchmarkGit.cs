using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Benchmarks.Measurement;

/// <summary>git for a benchmark's scratch repository, blind to the machine's git configuration and with a fixed identity.</summary>
internal static class BenchmarkGit
{
    public static async Task RunAsync(string directory, params string[] arguments) =>
        await ProcessCommand.For("git")
            .WithArguments(arguments)
            .WithWorkingDirectory(directory)
            .WithEnvironment(variables => variables
                .Set("GIT_CONFIG_GLOBAL", "/dev/null").Set("GIT_CONFIG_NOSYSTEM", "1")
                .Set("GIT_AUTHOR_NAME", "Benchmark").Set("GIT_AUTHOR_EMAIL", "benchmark@example.com")
                .Set("GIT_COMMITTER_NAME", "Benchmark").Set("GIT_COMMITTER_EMAIL", "benchmark@example.com"))
            .ExecuteAsync();
}
