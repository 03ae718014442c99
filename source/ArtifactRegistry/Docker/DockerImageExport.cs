using System.Formats.Tar;
using System.Text.Json;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Docker;

/// <summary>
/// Exports a built image from the engine (<c>docker save</c>) so its config and layers can be uploaded by digest without a tag,
/// as <c>docker push</c> cannot. Reads the archive's <c>manifest.json</c>, which both the classic layout (<c>ID/layer.tar</c>) and the
/// OCI layout of newer engines (<c>blobs/sha256/…</c>) carry.
/// </summary>
internal sealed class DockerImageExport(IProcessRunner runner)
{
    public async Task<ExportedImage> RunAsync(DockerClient client, string imageId, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("ard-export-").FullName;
        try
        {
            var archive = Path.Combine(directory, "image.tar");
            await runner.ExecuteAsync(client.Command(arguments => arguments.Add("save").Add("--output").Add(archive).Add(imageId)), cancellationToken)
                .ConfigureAwait(false);
            var root = Directory.CreateDirectory(Path.Combine(directory, "image")).FullName;
            await TarFile.ExtractToDirectoryAsync(archive, root, overwriteFiles: true, cancellationToken).ConfigureAwait(false);
            File.Delete(archive);

            using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(root, "manifest.json"), cancellationToken).ConfigureAwait(false));
            var entry = manifest.RootElement[0];
            var config = await File.ReadAllBytesAsync(Inside(root, entry.GetProperty("Config").GetString()!), cancellationToken).ConfigureAwait(false);
            var layers = entry.GetProperty("Layers").EnumerateArray().Select(layer => Inside(root, layer.GetString()!)).ToList();
            return new ExportedImage(directory, config, layers);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>A path of the archive, kept inside the extraction folder whatever the archive says.</summary>
    private static string Inside(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"docker save wrote an archive whose manifest names a file outside it ({relative}).");
        return full;
    }
}
