namespace ArtifactRegistry.Sandbox.Registry;

/// <summary>The Docker Registry API endpoint a path addresses.</summary>
internal enum RegistryEndpoint
{
    Unknown,
    Ping,
    Token,
    Catalog,
    Blob,
    UploadStart,
    Upload,
    Manifest,
    TagList,
}

/// <summary>
/// A parsed <c>/v2/…</c> path. Repository names contain slashes, so the endpoint is found from the end of the path
/// (<c>…/manifests/REF</c>, <c>…/blobs/uploads/[ID]</c>, <c>…/blobs/DIGEST</c>, <c>…/tags/list</c>).
/// </summary>
internal readonly record struct RegistryPath(RegistryEndpoint Endpoint, string Name, string Reference)
{
    public static RegistryPath Parse(string path)
    {
        if (path is "/v2/" or "/v2")
            return new(RegistryEndpoint.Ping, "", "");
        if (!path.StartsWith("/v2/", StringComparison.Ordinal))
            return new(RegistryEndpoint.Unknown, "", "");
        var rest = path[4..];
        if (rest is "token")
            return new(RegistryEndpoint.Token, "", "");
        if (rest is "_catalog")
            return new(RegistryEndpoint.Catalog, "", "");
        if (rest.EndsWith("/tags/list", StringComparison.Ordinal))
            return new(RegistryEndpoint.TagList, rest[..^"/tags/list".Length], "");

        var uploads = rest.LastIndexOf("/blobs/uploads", StringComparison.Ordinal);
        if (uploads > 0)
        {
            var tail = rest[(uploads + "/blobs/uploads".Length)..];
            if (tail is "" or "/")
                return new(RegistryEndpoint.UploadStart, rest[..uploads], "");
            if (tail.StartsWith('/') && !tail[1..].Contains('/'))
                return new(RegistryEndpoint.Upload, rest[..uploads], tail[1..]);
        }

        var manifests = rest.LastIndexOf("/manifests/", StringComparison.Ordinal);
        if (manifests > 0 && !rest[(manifests + 11)..].Contains('/'))
            return new(RegistryEndpoint.Manifest, rest[..manifests], rest[(manifests + 11)..]);
        var blobs = rest.LastIndexOf("/blobs/", StringComparison.Ordinal);
        if (blobs > 0 && !rest[(blobs + 7)..].Contains('/'))
            return new(RegistryEndpoint.Blob, rest[..blobs], rest[(blobs + 7)..]);
        return new(RegistryEndpoint.Unknown, "", "");
    }
}
