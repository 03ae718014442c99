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
        var images = RepositoriesApi.Mutate(call, () => call.Store.ListDockerImages(call.Repository));
        var ordered = ListOrder.Apply(images, call.Query("orderBy"), OrderFields, v => v.Repository.DockerImageResource(v.Image, v.Version.Digest));
        var (page, next) = Paging.Page(ordered, call, "dockerImages|" + call.Query("orderBy"));
        return call.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("dockerImages");
            foreach (var image in page)
                ResourceJson.DockerImage(w, image);
            w.WriteEndArray();
            if (next is not null)
                w.WriteString("nextPageToken", next);
            w.WriteEndObject();
        });
    }

    public static Task GetAsync(RestCall call)
    {
        call.Require(Permissions.DockerImagesGet);
        var id = call.Target.Id!;
        var at = id.LastIndexOf('@');
        if (at <= 0 || !Digest.TryParse(id[(at + 1)..], out var digest))
            throw GoogleApiException.InvalidArgument($"Invalid docker image id \"{id}\": expected IMAGE@sha256:<64 hex>.");
        var image = PackageId.ToImage(id[..at]);
        var version = RepositoriesApi.Mutate(call, () => call.Store.GetVersion(call.Repository, image, digest));
        return call.Json(w => ResourceJson.DockerImage(w, version));
    }
}
