using System.Text.Json;
using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary><c>…packages.versions</c>: list, get, delete (<c>force</c>), batchDelete. A Docker version id is the manifest digest.</summary>
internal static class VersionsApi
{
    public const int BatchLimit = 10000;

    private static readonly HashSet<string> FilterKeys = ["name", "annotations.*"];

    private static readonly Dictionary<string, Func<VersionView, IComparable?>> OrderFields = new()
    {
        ["name"] = v => v.Version.Digest.Value,
        ["create_time"] = v => v.Version.UploadTime,
        ["update_time"] = v => v.Version.UpdateTime,
    };

    public static Task ListAsync(RestCall call)
    {
        call.Require(Permissions.VersionsList);
        var full = View(call);
        IEnumerable<VersionView> versions = call.Store.ListVersions(call.Repository, call.Image);
        var filter = ListFilter.Parse(call.Query("filter"), FilterKeys);
        if (filter is not null)
            versions = versions.Where(v => filter.Matches(key => Values(v, key)));
        var ordered = ListOrder.Apply(versions, call.Query("orderBy"), OrderFields, v => v.Version.Digest.Value);
        return Paging.AnswerPage(call, "versions", ordered, "versions|" + call.Query("filter") + "|" + call.Query("orderBy"), (w, version) => ResourceJson.Version(w, version, full));
    }

    public static Task GetAsync(RestCall call)
    {
        call.Require(Permissions.VersionsGet);
        var full = View(call);
        var digest = ParseDigest(call.Target.VersionId!);
        var version = call.Store.GetVersion(call.Repository, call.Image, digest);
        return call.Json(w => ResourceJson.Version(w, version, full));
    }

    public static async Task DeleteAsync(RestCall call)
    {
        call.Require(Permissions.VersionsDelete);
        var digest = ParseDigest(call.Target.VersionId!);
        var force = call.QueryFlag("force");
        if (force)
            call.Require(Permissions.TagsDelete);
        call.Store.DeleteVersion(call.Repository, call.Image, digest, force);
        var operation = call.Services.Operations.Complete(call.Repository.Project, call.Repository.Location);
        await RawJson.WriteAsync(call.Http, 200, operation).ConfigureAwait(false);
    }

    public static async Task BatchDeleteAsync(RestCall call)
    {
        call.Require(Permissions.VersionsDelete);
        using var body = await JsonBody.ReadAsync(call.Http.Request, call.Aborted).ConfigureAwait(false);
        var root = body?.RootElement ?? default;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("names", out var names) || names.ValueKind != JsonValueKind.Array || names.GetArrayLength() == 0)
            throw GoogleApiException.InvalidArgument("names: at least one version name is required.");
        if (names.GetArrayLength() > BatchLimit)
            throw GoogleApiException.InvalidArgument($"names: at most {BatchLimit} versions can be deleted in one batch.");
        var validateOnly = root.TryGetProperty("validateOnly", out var v) && v.ValueKind == JsonValueKind.True;

        var prefix = call.Repository.PackageResource(call.Image) + "/versions/";
        var unescaped = $"{call.Repository.Resource}/packages/{call.Image}/versions/";
        var digests = new List<Digest>();
        foreach (var name in names.EnumerateArray().Select(n => n.GetString() ?? ""))
        {
            var id = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..]
                : name.StartsWith(unescaped, StringComparison.Ordinal) ? name[unescaped.Length..]
                : throw GoogleApiException.InvalidArgument($"Version \"{name}\" is not a version of {call.Repository.PackageResource(call.Image)}; a batch deletes versions of one package.");
            digests.Add(ParseDigest(id));
        }

        var failed = call.Store.BatchDeleteVersions(call.Repository, call.Image, digests, validateOnly);
        var operation = call.Services.Operations.Complete(call.Repository.Project, call.Repository.Location, metadata: w =>
        {
            w.WriteStartObject();
            w.WriteString("@type", "type.googleapis.com/google.devtools.artifactregistry.v1.BatchDeleteVersionsMetadata");
            if (failed.Count > 0)
            {
                w.WriteStartArray("failedVersions");
                foreach (var (digest, _) in failed)
                    w.WriteStringValue(prefix + digest);
                w.WriteEndArray();
            }

            w.WriteEndObject();
        });
        await RawJson.WriteAsync(call.Http, 200, operation).ConfigureAwait(false);
    }

    internal static Digest ParseDigest(string versionId) =>
        Digest.TryParse(versionId, out var digest)
            ? digest
            : throw GoogleApiException.NotFound($"Version \"{versionId}\" was not found: Docker versions are manifest digests (sha256:<64 hex>).");

    private static bool View(RestCall call) =>
        call.Query("view") switch
        {
            null or "" or "BASIC" or "VERSION_VIEW_UNSPECIFIED" => false,
            "FULL" => true,
            var other => throw GoogleApiException.InvalidArgument($"Invalid value for view: \"{other}\" (BASIC or FULL)."),
        };

    private static IEnumerable<string> Values(VersionView v, string key)
    {
        if (key == "name")
            return [v.Repository.VersionResource(v.Image, v.Version.Digest), v.Version.Digest.Value];
        if (key.StartsWith("annotations.", StringComparison.Ordinal) && v.Version.Annotations.TryGetValue(key["annotations.".Length..], out var value))
            return [value];
        return [];
    }
}
