namespace ArtifactRegistry.Docker;

/// <summary>
/// One image as the engine exported it (<c>docker save</c>): its config (the bytes whose sha256 is the image id) and its layers,
/// uncompressed tar files, bottom first. The files live in a temporary folder deleted when this is disposed.
/// </summary>
internal sealed class ExportedImage(string directory, byte[] config, IReadOnlyList<string> layerFiles) : IDisposable
{
    /// <summary>The image config JSON exactly as the engine stores it.</summary>
    public byte[] Config { get; } = config;

    /// <summary>The layer tar files, bottom layer first.</summary>
    public IReadOnlyList<string> LayerFiles { get; } = layerFiles;

    public void Dispose()
    {
        if (Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
    }
}
