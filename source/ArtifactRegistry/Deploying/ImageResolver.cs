using ArtifactRegistry.Hints;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Context;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// The digest-pinned image to deploy: as given when it names a digest, else its tag resolved through Artifact Registry
/// (REST <c>tags.get</c>), so what rolls out is exactly what the tag names now and a later re-push cannot change it.
/// </summary>
internal static class ImageResolver
{
    /// <exception cref="SettingsException">No image.</exception>
    /// <exception cref="References.InvalidImageReferenceException">Not a valid reference, or a bare name without tag or digest.</exception>
    public static ImageReference Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            var image = SettingNames.DeployImage.With("LOCATION-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE:TAG");
            throw new SettingsException(
                $"SetImage was given no image to deploy: {image} (resolved to its digest), IMAGE:TAG@sha256:…, " +
                "or the result of BuildAndPush in the same build.", image);
        }
        return ImageReference.Parse(text.Trim()).RequireTagOrDigest("deploying an image");
    }

    public static async Task<ImageReference> PinAsync(ImageReference image, OperationContext context, CancellationToken cancellationToken)
    {
        if (image.HasDigest)
            return image;
        var tokens = context.AccessTokenSource ?? await ApplicationDefaultTokensAsync(image, context, cancellationToken).ConfigureAwait(false);
        using var client = context.CreateRestClient(tokens);
        var tag = await client.FindTagAsync(image.TagName, cancellationToken).ConfigureAwait(false);
        if (tag?.Version is not { } version)
        {
            var setting = SettingNames.DeployImage.With($"{image.Name}:TAG");
            throw new SettingsException(
                $"Tag {image.Tag} of {image.Name} does not exist in Artifact Registry.{Environment.NewLine}" +
                $"SetImage deploys the digest a tag points at, so without the tag there is nothing to deploy.{Environment.NewLine}" +
                $"Name a tag that exists with {setting} (list them with `gcloud artifacts docker tags list {image.Name}`), " +
                "or deploy what BuildAndPush pushed in the same build.", setting);
        }
        var pinned = image.WithDigest(VersionName.Parse(version).Digest);
        context.Logger.LogInformation("Resolved {Image} to {Digest} in Artifact Registry", image, pinned.Digest!.ToShortString());
        return pinned;
    }

    private static async Task<IAccessTokenSource> ApplicationDefaultTokensAsync(ImageReference image, OperationContext context, CancellationToken cancellationToken)
    {
        var found = await GoogleCredentials.ResolveAsync(context.ApplicationDefaultCredentialsOptions, cancellationToken).ConfigureAwait(false);
        return found.TokenSource ?? throw new GoogleCredentialException(
            $"SetImage resolves tag {image.Tag} to its digest through Artifact Registry and needs Google credentials for it, but none were found. " +
            found.DescribeAttempts() + "\nOr deploy the digest-pinned image instead (BuildAndPush's result, or IMAGE:TAG@sha256:…).");
    }
}
