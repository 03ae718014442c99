using System.Diagnostics;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Testing.Docker;

/// <summary>Builds an image from a Dockerfile text and a few files written into a temporary build context.</summary>
/// <remarks>
/// The engine has no buildx, so the docker CLI uses the legacy builder (and says so on stderr); base images are
/// <c>scratch</c> or <see cref="BusyboxBase.Reference"/>, since nothing can be pulled from the internet.
/// </remarks>
public static class DockerfileImage
{
    public static async Task<BuiltImage> BuildAsync(
        PrivateDockerd engine,
        string dockerfile,
        IReadOnlyDictionary<string, string>? contextFiles = null,
        IEnumerable<string>? tags = null,
        CancellationToken cancellationToken = default)
    {
        var tagList = (tags ?? []).ToList();
        using var context = TempDirectory.Create("ard-ctx-");
        context.WriteFile("Dockerfile", dockerfile);
        foreach (var (relativePath, content) in contextFiles ?? new Dictionary<string, string>())
            context.WriteFile(relativePath, content);

        List<string> arguments = ["build", "--quiet"];
        foreach (var tag in tagList)
            arguments.AddRange(["--tag", tag]);
        arguments.Add(context.Path);

        var stopwatch = Stopwatch.StartNew();
        var result = (await engine.DockerAsync(arguments, cancellationToken: cancellationToken)).EnsureSuccess();
        var imageId = result.StandardOutput.Trim().Split('\n').Last().Trim();
        if (!imageId.StartsWith("sha256:", StringComparison.Ordinal))
            throw new InvalidOperationException($"`{result.CommandLine}` printed no image id; stdout was: {result.StandardOutput}");
        return new BuiltImage(imageId, tagList, stopwatch.Elapsed);
    }
}
