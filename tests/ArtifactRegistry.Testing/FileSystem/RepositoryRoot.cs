namespace ArtifactRegistry.Testing.FileSystem;

/// <summary>This repository's root (where build.sh and .nuke/ are), found above the test's own folder, for tests that run ./build.sh.</summary>
public static class RepositoryRoot
{
    /// <exception cref="InvalidOperationException">The test does not run from inside the repository.</exception>
    public static string Find()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "build.sh")) && Directory.Exists(Path.Combine(directory.FullName, ".nuke")))
                return directory.FullName;
        }

        throw new InvalidOperationException("The repository root (with build.sh and .nuke/) is not above the test directory.");
    }
}
