using System.Text.Json;
using ArtifactRegistry.Sandbox.Hosting;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Registry;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>What a node's image pull came to: the pulled image, or the kubelet's reason and containerd's message.</summary>
internal sealed record PullResult(string? ImageId, long Size, ImageTraits Traits, string? FailureReason, string? Message)
{
    public bool Succeeded => FailureReason is null;

    public static PullResult Failed(string reason, string message) => new(null, 0, ImageTraits.Normal, reason, message);
}

/// <summary>
/// Pulls images for the simulated nodes straight from the sandbox's store, as the node pool's service account: the same IAM
/// check a real node's pull meets at Artifact Registry (<c>artifactregistry.repositories.downloadArtifacts</c>), the same
/// not-found, and containerd's wording for both. Hosts other than the sandbox's registries cannot be reached (no internet).
/// </summary>
internal sealed class ImagePuller(SandboxServices services, Func<string, RegistryListener?> listenerForHost)
{
    // The registry's error body as it travels: quotes escaped as \", not \u0022.
    private static readonly JsonSerializerOptions RegistryBodyJson = new() { Encoder = Http.JsonBody.Options.Encoder };

    /// <param name="node">The pulling node: an index resolves to the child for its platform.</param>
    public async Task<PullResult> PullAsync(string image, string nodeAccount, SandboxClusterNode node, CancellationToken cancellationToken)
    {
        var reference = ImageReference.TryParse(image);
        if (reference is null)
            return PullResult.Failed("InvalidImageName", $"Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": invalid reference format");
        var normalized = reference.Normalized;
        var prefix = $"rpc error: code = {{0}} desc = failed to pull and unpack image \"{normalized}\": failed to resolve reference \"{normalized}\": ";
        var listener = listenerForHost(reference.Host);
        if (listener is null)
            return PullResult.Failed("ErrImagePull", string.Format(System.Globalization.CultureInfo.InvariantCulture, prefix, "Unknown") +
                $"failed to do request: Head \"https://{reference.Host}/v2/{reference.Path}/manifests/{reference.Reference}\": dial tcp: lookup {reference.Host}: no such host");

        ImageName name;
        try
        {
            name = ImageName.Parse(reference.Path, listener);
        }
        catch (RegistryError)
        {
            return PullResult.Failed("ErrImagePull", string.Format(System.Globalization.CultureInfo.InvariantCulture, prefix, "NotFound") + $"{normalized}: not found");
        }

        var caller = Caller.ForEmail(nodeAccount);
        if (!services.Authorizer.Has(caller, name.Repository, Permissions.RepositoriesDownloadArtifacts))
        {
            var scope = Uri.EscapeDataString($"repository:{reference.Path}:pull");
            var body = JsonSerializer.Serialize(new { errors = new[] { new { code = "DENIED", message = RegistryError.Denied(Permissions.RepositoriesDownloadArtifacts, name.Repository.Resource).Message } } },
                RegistryBodyJson);
            return PullResult.Failed("ErrImagePull", string.Format(System.Globalization.CultureInfo.InvariantCulture, prefix, "Unknown") +
                $"failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://{reference.Host}/v2/token?scope={scope}&service={reference.Host}: 403 Forbidden: {body}");
        }

        var manifest = services.Store.ResolveManifest(name.Repository, name.Image, reference.Reference);
        if (manifest is not null && manifest.IsIndex)
        {
            // containerd unpacks the index's child for the node's platform, and fails when there is none.
            if (PlatformMatcher.Best(manifest.Children, node) is not { } child)
                return PullResult.Failed("ErrImagePull", $"rpc error: code = NotFound desc = failed to pull and unpack image \"{normalized}\": no match for platform in manifest: not found");
            manifest = services.Store.ResolveManifest(name.Repository, name.Image, child.Digest.Value);
        }

        if (manifest is null)
            return PullResult.Failed("ErrImagePull", string.Format(System.Globalization.CultureInfo.InvariantCulture, prefix, "NotFound") + $"{normalized}: not found");

        var traits = ImageTraits.Normal;
        if (manifest.Blobs.Length > 0 && await services.Store.Blobs.GetAsync(manifest.Blobs[0], cancellationToken).ConfigureAwait(false) is { } config)
            traits = ImageTraits.FromConfig(config);
        // containerd checks only an index's entries; a single image of another architecture is pulled, and fails to execute.
        if (traits.Platform?.Split('/') is [var os, var architecture, .. var rest] && !PlatformMatcher.Runs(node, os, architecture, rest.FirstOrDefault()))
            traits = traits with { ForeignArchitecture = true };
        var digest = reference.Digest ?? services.Store.ResolveManifest(name.Repository, name.Image, reference.Reference)!.Digest.Value;
        return new PullResult($"{reference.Repository}@{digest}", manifest.ImageSizeBytes, traits, null, null);
    }
}
