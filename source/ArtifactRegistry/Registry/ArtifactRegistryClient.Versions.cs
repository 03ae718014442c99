using ArtifactRegistry.References;

namespace ArtifactRegistry.Registry;

/// <summary>The calls pruning and deleting need: packages, docker images, version deletion, cleanup policies.</summary>
internal sealed partial class ArtifactRegistryClient
{
    /// <summary><c>packages.list</c>, every page: one package per image path, nested ones included (<c>team%2Fapp</c>).</summary>
    public IAsyncEnumerable<Package> ListPackagesAsync(RepositoryName repository, int pageSize = 1000, CancellationToken cancellationToken = default) =>
        ListAsync<Package>($"{repository}/packages", "packages", [], pageSize, cancellationToken);

    /// <summary><c>dockerImages.get</c>: for an index, the platform manifests it lists (<see cref="DockerImage.ImageManifests"/>).</summary>
    public Task<DockerImage> GetDockerImageAsync(DockerImageName image, CancellationToken cancellationToken = default) =>
        SendAsync<DockerImage>(HttpMethod.Get, image.ToString(), "", null, cancellationToken);

    /// <summary>
    /// <c>versions.delete</c>: returns the operation (poll it with <see cref="WaitForOperationAsync"/> unless done). Without
    /// <paramref name="force"/> the registry refuses a tagged version, which is what keeps a tag added meanwhile safe.
    /// </summary>
    public Task<LongRunningOperation> DeleteVersionAsync(VersionName version, bool force = false, CancellationToken cancellationToken = default) =>
        SendAsync<LongRunningOperation>(HttpMethod.Delete, version.ToString(), force ? Query(("force", "true")) : "", null, cancellationToken);

    /// <summary>
    /// <c>versions.batchDelete</c> of versions of one package: returns the operation; its metadata names the versions that
    /// could not be deleted (<see cref="LongRunningOperationExtensions.FailedVersions"/>).
    /// </summary>
    public Task<LongRunningOperation> BatchDeleteVersionsAsync(
        PackageName package, IReadOnlyList<VersionName> versions, bool validateOnly = false, CancellationToken cancellationToken = default) =>
        SendAsync<LongRunningOperation>(HttpMethod.Post, $"{package}/versions:batchDelete", "",
            new BatchDeleteRequest([.. versions.Select(v => v.ToString())], validateOnly), cancellationToken);

    /// <summary><c>repositories.patch</c> of the fields in <paramref name="updateMask"/> (e.g. <c>cleanupPolicies,cleanupPolicyDryRun</c>).</summary>
    public Task<Repository> UpdateRepositoryAsync(RepositoryName name, Repository repository, string updateMask, CancellationToken cancellationToken = default) =>
        SendAsync<Repository>(HttpMethod.Patch, name.ToString(), Query(("updateMask", updateMask)), repository with { Name = name.ToString() }, cancellationToken);

    private sealed record BatchDeleteRequest(IReadOnlyList<string> Names, bool ValidateOnly);
}
