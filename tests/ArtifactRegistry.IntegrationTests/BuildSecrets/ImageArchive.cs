using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace ArtifactRegistry.IntegrationTests.BuildSecrets;

/// <summary>
/// Every file of a <c>docker save</c> archive, the layers' files included (a layer is a tar inside the tar, possibly gzipped):
/// the manifest, the image config with its history, and each layer's content, by path.
/// </summary>
internal sealed class ImageArchive
{
    private ImageArchive(IReadOnlyList<(string Path, byte[] Content)> files) => Files = files;

    /// <summary>Each file as <c>archive-path</c> or <c>layer-path!file-path</c>.</summary>
    public IReadOnlyList<(string Path, byte[] Content)> Files { get; }

    public static ImageArchive Read(string tarPath)
    {
        var files = new List<(string, byte[])>();
        using var stream = File.OpenRead(tarPath);
        Collect(stream, "", files);
        return new ImageArchive(files);
    }

    /// <summary>The paths of the files whose bytes contain <paramref name="text"/> (UTF-8).</summary>
    public IReadOnlyList<string> FilesContaining(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return Files.Where(file => file.Content.AsSpan().IndexOf(needle) >= 0).Select(file => file.Path).ToList();
    }

    /// <summary>The content of a file a layer holds at <paramref name="pathInLayer"/> (e.g. <c>npm_token.sha256</c>), from the last layer that has it.</summary>
    public string? LayerFileText(string pathInLayer) =>
        Files.LastOrDefault(file => file.Path.EndsWith("!" + pathInLayer, StringComparison.Ordinal) || file.Path.EndsWith("!./" + pathInLayer, StringComparison.Ordinal))
            is { Content: { } content } ? Encoding.UTF8.GetString(content) : null;

    private static void Collect(Stream tar, string prefix, List<(string, byte[])> files)
    {
        using var reader = new TarReader(tar, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is null)
                continue;
            using var buffer = new MemoryStream();
            entry.DataStream.CopyTo(buffer);
            var content = buffer.ToArray();
            var path = prefix + entry.Name;
            files.Add((path, content));
            if (IsTar(content))
                Collect(new MemoryStream(content), path + "!", files);
            else if (content is [0x1f, 0x8b, ..])
            {
                using var unzipped = new MemoryStream();
                using (var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress))
                    gzip.CopyTo(unzipped);
                files.Add((path + "(gunzipped)", unzipped.ToArray()));
                if (IsTar(unzipped.ToArray()))
                    Collect(new MemoryStream(unzipped.ToArray()), path + "!", files);
            }
        }
    }

    // ustar magic at offset 257.
    private static bool IsTar(byte[] content) =>
        content.Length > 262 && Encoding.ASCII.GetString(content, 257, 5) == "ustar";
}
