using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Testing.Docker;

/// <summary>An image carried from one private engine to another with <c>docker save</c> and <c>docker load</c>, its ID unchanged: the base images a CI runner would pull.</summary>
public static class EngineImageCopy
{
    public static async Task CopyAsync(PrivateDockerd from, PrivateDockerd to, params string[] references)
    {
        using var work = TempDirectory.Create("ard-save-");
        var archive = work.Combine("images.tar");
        (await from.DockerAsync([(string)"save", "--output", archive, .. references])).EnsureSuccess();
        (await to.DockerAsync("load", "--input", archive)).EnsureSuccess();
    }
}
