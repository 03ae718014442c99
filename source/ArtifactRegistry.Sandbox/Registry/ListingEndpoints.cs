using System.Globalization;
using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Registry;

/// <summary>
/// <c>GET /v2/NAME/tags/list</c> (with the <c>child</c> and <c>manifest</c> fields Google's registries add, which is how gcrane
/// and gcr-cleaner see untagged manifests) and <c>GET /v2/_catalog</c>, both paginated with <c>n</c>/<c>last</c> and <c>Link</c>.
/// </summary>
internal static class ListingEndpoints
{
    public static Task TagsAsync(RegistryRequest request)
    {
        request.Require(Permissions.RepositoriesDownloadArtifacts);
        request.RequireRepository();
        var repository = request.Name.Repository;
        var image = request.Name.Image;
        IReadOnlyList<VersionView> versions;
        try
        {
            versions = request.Store.ListVersions(repository, image);
        }
        catch (StoreException)
        {
            versions = [];
        }

        var tags = versions.SelectMany(v => v.Tags).Order(StringComparer.Ordinal).ToList();
        var page = Paginate(request, tags, $"/v2/{request.Path.Name}/tags/list");
        var prefix = image + "/";
        var children = request.Store.Images(repository)
            .Where(i => i.StartsWith(prefix, StringComparison.Ordinal))
            .Select(i => i[prefix.Length..].Split('/')[0])
            .Distinct()
            .ToList();

        return request.Http.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("child");
            foreach (var child in children)
                w.WriteStringValue(child);
            w.WriteEndArray();
            w.WriteStartObject("manifest");
            foreach (var view in versions)
            {
                var v = view.Version;
                w.WriteStartObject(v.Digest.Value);
                w.WriteString("imageSizeBytes", v.ImageSizeBytes.ToString(CultureInfo.InvariantCulture));
                w.WriteString("layerId", "");
                w.WriteString("mediaType", v.MediaType);
                w.WriteStartArray("tag");
                foreach (var tag in view.Tags)
                    w.WriteStringValue(tag);
                w.WriteEndArray();
                w.WriteString("timeCreatedMs", ((v.BuildTime ?? v.UploadTime).ToUnixTimeMilliseconds()).ToString(CultureInfo.InvariantCulture));
                w.WriteString("timeUploadedMs", v.UploadTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteString("name", request.Path.Name);
            w.WriteStartArray("tags");
            foreach (var tag in page)
                w.WriteStringValue(tag);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public static Task CatalogAsync(RegistryRequest request)
    {
        var names = new List<string>();
        var gcr = request.Listener.GcrRepository;
        foreach (var repository in request.Store.AllRepositories().Where(r => r.Location == request.Location && (gcr is null || r.Repository == gcr)))
        {
            if (!request.Services.Authorizer.Has(request.Caller, repository, Permissions.RepositoriesList))
                continue;
            var prefix = gcr is null ? $"{repository.ProjectPath}/{repository.Repository}/" : $"{repository.ProjectPath}/";
            names.AddRange(request.Store.Images(repository).Select(i => prefix + i));
        }

        names.Sort(StringComparer.Ordinal);
        var page = Paginate(request, names, "/v2/_catalog");
        return request.Http.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("repositories");
            foreach (var name in page)
                w.WriteStringValue(name);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static List<string> Paginate(RegistryRequest request, List<string> sorted, string path)
    {
        var last = request.Query("last");
        var start = last is null ? 0 : sorted.FindIndex(s => string.CompareOrdinal(s, last) > 0);
        if (start < 0)
            return [];
        var n = int.TryParse(request.Query("n"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0 ? size : int.MaxValue;
        var page = sorted.Skip(start).Take(n).ToList();
        if (start + page.Count < sorted.Count && page.Count > 0)
            request.SetHeader("Link", $"<{path}?n={n}&last={Uri.EscapeDataString(page[^1])}>; rel=\"next\"");
        return page;
    }
}
