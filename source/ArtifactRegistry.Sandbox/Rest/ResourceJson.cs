using System.Text.Json;
using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary>The JSON of Artifact Registry resources, field names and formats as the v1 API returns them (int64 as strings).</summary>
internal static class ResourceJson
{
    public const int RelatedTagsLimit = 100;

    public static void Repository(Utf8JsonWriter w, RepositoryView repository, string? type = null)
    {
        var s = repository.Settings;
        w.WriteStartObject();
        if (type is not null)
            w.WriteString("@type", type);
        w.WriteString("name", repository.Name.Resource);
        w.WriteString("format", s.Format);
        if (s.Description is not null)
            w.WriteString("description", s.Description);
        if (s.Labels.Count > 0)
        {
            w.WriteStartObject("labels");
            foreach (var (key, value) in s.Labels)
                w.WriteString(key, value);
            w.WriteEndObject();
        }

        w.WriteString("createTime", Timestamps.Format(s.CreateTime));
        w.WriteString("updateTime", Timestamps.Format(s.UpdateTime));
        if (s.KmsKeyName is not null)
            w.WriteString("kmsKeyName", s.KmsKeyName);
        w.WriteString("mode", s.Mode);
        w.WriteString("sizeBytes", repository.SizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (s.Format == "DOCKER")
            w.WriteString("registryUri", $"{repository.Name.Location}-docker.pkg.dev/{repository.Name.ProjectPath}/{repository.Name.Repository}");
        if (s.ImmutableTags)
        {
            w.WriteStartObject("dockerConfig");
            w.WriteBoolean("immutableTags", true);
            w.WriteEndObject();
        }

        if (s.CleanupPoliciesJson is not null)
        {
            w.WritePropertyName("cleanupPolicies");
            w.WriteRawValue(s.CleanupPoliciesJson, skipInputValidation: true);
        }

        if (s.CleanupPolicyDryRun)
            w.WriteBoolean("cleanupPolicyDryRun", true);
        w.WriteEndObject();
    }

    public static void Package(Utf8JsonWriter w, PackageView package)
    {
        w.WriteStartObject();
        w.WriteString("name", package.Repository.PackageResource(package.Image));
        w.WriteString("createTime", Timestamps.Format(package.CreateTime));
        w.WriteString("updateTime", Timestamps.Format(package.UpdateTime));
        w.WriteEndObject();
    }

    public static void Version(Utf8JsonWriter w, VersionView view, bool full)
    {
        var version = view.Version;
        w.WriteStartObject();
        w.WriteString("name", view.Repository.VersionResource(view.Image, version.Digest));
        w.WriteString("createTime", Timestamps.Format(version.UploadTime));
        w.WriteString("updateTime", Timestamps.Format(version.UpdateTime));
        if (full && view.Tags.Length > 0)
        {
            w.WriteStartArray("relatedTags");
            foreach (var tag in view.Tags.Take(RelatedTagsLimit))
                Tag(w, new TagView(view.Repository, view.Image, tag, version.Digest));
            w.WriteEndArray();
        }

        w.WriteStartObject("metadata");
        w.WriteString("name", view.Repository.DockerImageResource(view.Image, version.Digest));
        w.WriteString("imageSizeBytes", version.ImageSizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("mediaType", version.MediaType);
        if (version.BuildTime is { } built)
            w.WriteString("buildTime", Timestamps.Format(built));
        w.WriteEndObject();
        Annotations(w, version);
        w.WriteEndObject();
    }

    public static void Tag(Utf8JsonWriter w, TagView tag)
    {
        w.WriteStartObject();
        w.WriteString("name", tag.Repository.TagResource(tag.Image, tag.Tag));
        w.WriteString("version", tag.Repository.VersionResource(tag.Image, tag.Digest));
        w.WriteEndObject();
    }

    public static void DockerImage(Utf8JsonWriter w, VersionView view)
    {
        var version = view.Version;
        w.WriteStartObject();
        w.WriteString("name", view.Repository.DockerImageResource(view.Image, version.Digest));
        w.WriteString("uri", view.Repository.DockerUri(view.Image) + "@" + version.Digest);
        if (view.Tags.Length > 0)
        {
            w.WriteStartArray("tags");
            foreach (var tag in view.Tags)
                w.WriteStringValue(tag);
            w.WriteEndArray();
        }

        w.WriteString("imageSizeBytes", version.ImageSizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("uploadTime", Timestamps.Format(version.UploadTime));
        w.WriteString("mediaType", version.MediaType);
        if (version.BuildTime is { } built)
            w.WriteString("buildTime", Timestamps.Format(built));
        w.WriteString("updateTime", Timestamps.Format(version.UpdateTime));
        if (version.ArtifactType is not null)
            w.WriteString("artifactType", version.ArtifactType);
        if (version.IsIndex)
        {
            w.WriteStartArray("imageManifests");
            foreach (var child in version.Children)
            {
                w.WriteStartObject();
                if (child.Architecture is not null)
                    w.WriteString("architecture", child.Architecture);
                if (child.Os is not null)
                    w.WriteString("os", child.Os);
                w.WriteString("digest", child.Digest.Value);
                w.WriteString("mediaType", child.MediaType);
                if (child.Variant is not null)
                    w.WriteString("variant", child.Variant);
                if (child.OsVersion is not null)
                    w.WriteString("osVersion", child.OsVersion);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    public static void Policy(Utf8JsonWriter w, IamPolicy policy)
    {
        w.WriteStartObject();
        if (policy.Bindings.Length > 0)
        {
            w.WriteNumber("version", policy.Version);
            w.WriteStartArray("bindings");
            foreach (var binding in policy.Bindings)
            {
                w.WriteStartObject();
                w.WriteString("role", binding.Role);
                w.WriteStartArray("members");
                foreach (var member in binding.Members)
                    w.WriteStringValue(member);
                w.WriteEndArray();
                if (binding.Condition is not null)
                {
                    w.WritePropertyName("condition");
                    binding.Condition.WriteTo(w);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteString("etag", policy.Etag);
        w.WriteEndObject();
    }

    private static void Annotations(Utf8JsonWriter w, ManifestVersion version)
    {
        if (version.Annotations.Count == 0)
            return;
        w.WriteStartObject("annotations");
        foreach (var (key, value) in version.Annotations.OrderBy(a => a.Key, StringComparer.Ordinal))
            w.WriteString(key, value);
        w.WriteEndObject();
    }
}
