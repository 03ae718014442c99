using System.Text.Json;
using System.Text.RegularExpressions;
using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary><c>…packages.tags</c>: list (filter on <c>name</c> or <c>version</c>), get, create, patch (move), delete.</summary>
internal static partial class TagsApi
{
    private static readonly HashSet<string> FilterKeys = ["name", "version"];

    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9._~:@-]{0,127}$")]
    private static partial Regex TagShape();

    public static Task ListAsync(RestCall call)
    {
        call.Require(Permissions.TagsList);
        IEnumerable<TagView> tags = call.Store.ListTags(call.Repository, call.Image);
        var filter = ListFilter.Parse(call.Query("filter"), FilterKeys);
        if (filter is not null)
            tags = tags.Where(t => filter.Matches(key => key == "name"
                ? [t.Repository.TagResource(t.Image, t.Tag), t.Tag]
                : [t.Repository.VersionResource(t.Image, t.Digest), t.Digest.Value]));
        return Paging.AnswerPage(call, "tags", tags.ToList(), "tags|" + call.Query("filter"), ResourceJson.Tag);
    }

    public static Task GetAsync(RestCall call)
    {
        call.Require(Permissions.TagsGet);
        var tag = call.Store.GetTag(call.Repository, call.Image, call.Target.TagId!);
        return call.Json(w => ResourceJson.Tag(w, tag));
    }

    public static async Task CreateAsync(RestCall call)
    {
        call.Require(Permissions.TagsCreate);
        var id = call.Query("tagId");
        if (string.IsNullOrEmpty(id) || !TagShape().IsMatch(id))
            throw GoogleApiException.InvalidArgument($"Invalid tag id \"{id}\": up to 128 characters from [a-zA-Z0-9-._~:@], not starting with '.', '-', '~', ':' or '@'.");
        var digest = await ReadVersionAsync(call).ConfigureAwait(false);
        var tag = call.Store.CreateTag(call.Repository, call.Image, id, digest);
        await call.Json(w => ResourceJson.Tag(w, tag)).ConfigureAwait(false);
    }

    public static async Task PatchAsync(RestCall call)
    {
        call.Require(Permissions.TagsUpdate);
        var mask = call.Query("updateMask");
        if (mask is not null && mask != "version")
            throw GoogleApiException.InvalidArgument($"updateMask \"{mask}\" is not supported; only \"version\" can be updated.");
        var digest = await ReadVersionAsync(call).ConfigureAwait(false);
        var tag = call.Store.MoveTag(call.Repository, call.Image, call.Target.TagId!, digest);
        await call.Json(w => ResourceJson.Tag(w, tag)).ConfigureAwait(false);
    }

    public static Task DeleteAsync(RestCall call)
    {
        call.Require(Permissions.TagsDelete);
        call.Store.DeleteTag(call.Repository, call.Image, call.Target.TagId!);
        return call.Json(w =>
        {
            w.WriteStartObject();
            w.WriteEndObject();
        });
    }

    private static async Task<Digest> ReadVersionAsync(RestCall call)
    {
        using var body = await JsonBody.ReadAsync(call.Http.Request, call.Aborted).ConfigureAwait(false);
        var version = body is not null && body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
        if (string.IsNullOrEmpty(version))
            throw GoogleApiException.InvalidArgument("tag.version is required: the full name of the version the tag points at.");
        var prefix = call.Repository.PackageResource(call.Image) + "/versions/";
        var unescaped = prefix.Replace(PackageId.FromImage(call.Image), call.Image, StringComparison.Ordinal);
        var id = version.StartsWith(prefix, StringComparison.Ordinal) ? version[prefix.Length..]
            : version.StartsWith(unescaped, StringComparison.Ordinal) ? version[unescaped.Length..]
            : throw GoogleApiException.InvalidArgument($"tag.version \"{version}\" is not a version of {call.Repository.PackageResource(call.Image)}.");
        return VersionsApi.ParseDigest(id);
    }
}
