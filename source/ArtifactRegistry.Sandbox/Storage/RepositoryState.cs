using ArtifactRegistry.Sandbox.Iam;

namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>The mutable content of one repository; only touched under the store's lock.</summary>
internal sealed class RepositoryState(RepositoryName name, RepositorySettings settings)
{
    public RepositoryName Name { get; } = name;

    public RepositorySettings Settings { get; set; } = settings;

    /// <summary>Replaced, never mutated, so permission checks can read it without the lock.</summary>
    public volatile IamPolicy Policy = IamPolicy.Empty;

    public Dictionary<string, PackageState> Packages { get; } = new(StringComparer.Ordinal);

    /// <summary>Blobs pushed or mounted into this repository (the shared blob store holds the bytes).</summary>
    public HashSet<Digest> Blobs { get; } = [];

    public long BlobBytes { get; set; }

    public long ManifestBytes { get; set; }

    public RepositoryView View() => new(Name, Settings, BlobBytes + ManifestBytes);
}
