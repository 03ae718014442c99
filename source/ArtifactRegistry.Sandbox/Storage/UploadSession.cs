using System.Security.Cryptography;

namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>
/// One blob upload in progress (<c>POST …/blobs/uploads/</c> until the final <c>PUT ?digest=</c>): the bytes received so far,
/// hashed as they arrive so the final digest check costs nothing extra.
/// </summary>
internal sealed class UploadSession : IDisposable
{
    private readonly MemoryStream _content = new();
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public UploadSession(string id, RepositoryName repository, string image, DateTimeOffset started)
    {
        Id = id;
        Repository = repository;
        Image = image;
        Started = started;
    }

    public string Id { get; }

    public RepositoryName Repository { get; }

    /// <summary>The image path the upload was started for (only used to build the Location headers).</summary>
    public string Image { get; }

    public DateTimeOffset Started { get; }

    public long Length => _content.Length;

    /// <summary>Appends the request body; uploads are sequential per session, the gate only protects against misbehaving clients.</summary>
    public async Task AppendAsync(Stream body, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    _content.Write(buffer, 0, read);
                    _hash.AppendData(buffer, 0, read);
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The digest and bytes of everything received; the session is finished afterwards.</summary>
    public (Digest Digest, byte[] Content) Complete() => (Digest.FromHash(_hash.GetHashAndReset()), _content.ToArray());

    public void Dispose()
    {
        _hash.Dispose();
        _content.Dispose();
        _gate.Dispose();
    }
}
