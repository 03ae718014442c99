using System.Collections.Concurrent;

namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>
/// Content-addressed blob bytes shared by every repository (a layer pushed twice is stored once).
/// Which repository may serve a blob is recorded separately (<see cref="RepositoryState.Blobs"/>), like Artifact Registry,
/// where a blob pushed to one repository is not readable through another.
/// </summary>
internal sealed class BlobStore
{
    private readonly ConcurrentDictionary<Digest, byte[]> _blobs = new();
    private readonly string? _directory;

    public BlobStore(string? directory)
    {
        _directory = directory;
        if (_directory is not null)
            Directory.CreateDirectory(_directory);
    }

    public bool Contains(Digest digest) => _blobs.ContainsKey(digest) || (_directory is not null && File.Exists(PathOf(digest)));

    public long? SizeOf(Digest digest)
    {
        if (_blobs.TryGetValue(digest, out var bytes))
            return bytes.LongLength;
        if (_directory is null)
            return null;
        var file = new FileInfo(PathOf(digest));
        return file.Exists ? file.Length : null;
    }

    public async ValueTask<byte[]?> GetAsync(Digest digest, CancellationToken cancellationToken)
    {
        if (_blobs.TryGetValue(digest, out var bytes))
            return bytes;
        if (_directory is null || !File.Exists(PathOf(digest)))
            return null;
        bytes = await File.ReadAllBytesAsync(PathOf(digest), cancellationToken).ConfigureAwait(false);
        return _blobs.GetOrAdd(digest, bytes);
    }

    public async ValueTask PutAsync(Digest digest, byte[] content, CancellationToken cancellationToken)
    {
        if (!_blobs.TryAdd(digest, content) || _directory is null)
            return;
        var path = PathOf(digest);
        if (File.Exists(path))
            return;
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".partial";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(Digest digest) => Path.Combine(_directory!, "sha256-" + digest.Hex);
}
