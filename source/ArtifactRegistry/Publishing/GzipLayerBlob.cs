using System.IO.Compression;
using System.Security.Cryptography;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Publishing;

/// <summary>
/// A layer as the registry receives it: the engine's uncompressed tar, gzip-compressed into a temporary file, with the digest and
/// size of the compressed bytes.
/// </summary>
/// <remarks>
/// Compressed, because registries and pullers expect gzip layers (what <c>docker push</c> uploads; Artifact Registry bills and
/// quotas the stored bytes) and an uncompressed layer costs its full size on every upload and pull. Deterministic, because the
/// digest is what makes an unchanged rebuild upload nothing: the same tar gives the same bytes (no file name or time in the gzip
/// header, a fixed compression level), so the registry's HEAD finds the blob and the manifests' digests stay the same.
/// </remarks>
internal sealed class GzipLayerBlob : IDisposable
{
    private GzipLayerBlob(string path, ImageDigest digest, long size, ImageDigest diffId)
    {
        Path = path;
        Digest = digest;
        Size = size;
        DiffId = diffId;
    }

    /// <summary>The compressed file.</summary>
    public string Path { get; }

    /// <summary>The compressed bytes' digest: the layer's name in the registry and the manifest.</summary>
    public ImageDigest Digest { get; }

    /// <summary>The compressed size.</summary>
    public long Size { get; }

    /// <summary>The uncompressed tar's digest, which the image config lists (<c>rootfs.diff_ids</c>).</summary>
    public ImageDigest DiffId { get; }

    public static async Task<GzipLayerBlob> CompressAsync(string layerTar, string directory, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(directory, Guid.NewGuid().ToString("N") + ".tar.gz");
        using var diffHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var output = File.Create(path))
        {
            await using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            await using (var input = File.OpenRead(layerTar))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    diffHash.AppendData(buffer, 0, read);
                    await gzip.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await using var compressed = File.OpenRead(path);
        var digest = await SHA256.HashDataAsync(compressed, cancellationToken).ConfigureAwait(false);
        return new GzipLayerBlob(path, Sha256(digest), compressed.Length, Sha256(diffHash.GetHashAndReset()));
    }

    private static ImageDigest Sha256(byte[] hash) => ImageDigest.Parse("sha256:" + Convert.ToHexStringLower(hash));

    public void Dispose() => File.Delete(Path);
}
