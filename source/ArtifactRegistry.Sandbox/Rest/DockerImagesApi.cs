using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary><c>…repositories.dockerImages</c>: list and get (ids are <c>IMG@sha256:…</c> with <c>/</c> in IMG escaped).</summary>
internal static class DockerImagesApi
{
    private static readonly Dictionary<string, Func<VersionView, IComparable?>> OrderFields = new()
    {
        ["name"] = v => v.Repository.DockerImageResource(v.Image, v.Version.Digest),
        ["upload_time"] = v => v.Version.UploadTime,
        ["update_time"] = v => v.Version.UpdateTime,
        ["build_time"] = v => v.Version.BuildTime,
        ["media_type"] = v => v.Version.MediaType,
        ["image_size_bytes"] = v => v.Version.ImageSizeBytes,
    };

    public static Task ListAsync(RestCall call)
    {
        call.Require(Permissions.DockerImagesList);
        var images = call.Store.ListDockerImages(call.Repository);
        var ordered = ListOrder.Apply(images, call.Query("orderBy"), OrderFields, v => v.Repository.DockerImageResource(v.Image, v.Version.Digest));
        return Paging.AnswerPage(call, "dockerImages", ordered, "dockerImages|" + call.Query("orderBy"), ResourceJson.DockerImage);
    }

    public static Task GetAsync(RestCall call)
    {
        call.Require(Permissions.DockerImagesGet);
        var id = call.Target.Id!;
        var at = id.LastIndexOf('@');
        if (at <= 0 || !Digest.TryParse(id[(at + 1)..], out var digest))
            throw GoogleApiException.InvalidArgument($"Invalid docker image id \"{id}\": expected IMAGE@sha256:<64 hex>.");
        var image = PackageId.ToImage(id[..at]);
        var version = call.Store.GetVersion(call.Repository, image, digest);
        return call.Json(w => ResourceJson.DockerImage(w, version));
    }
}
