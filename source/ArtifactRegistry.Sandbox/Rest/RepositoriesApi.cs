using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary><c>projects.locations.repositories</c>: list, create, get, patch, delete.</summary>
internal static partial class RepositoriesApi
{
    private static readonly string[] Formats = ["DOCKER", "MAVEN", "NPM", "PYTHON", "APT", "YUM", "GO", "GENERIC", "KFP"];
    private static readonly HashSet<string> FilterKeys = ["name", "labels.*"];

    private static readonly Dictionary<string, Func<RepositoryView, IComparable?>> OrderFields = new()
    {
        ["name"] = r => r.Name.Resource,
        ["create_time"] = r => r.Settings.CreateTime,
        ["update_time"] = r => r.Settings.UpdateTime,
    };

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex RepositoryIdShape();

    public static Task ListAsync(RestCall call)
    {
        var t = call.Target;
        var locationResource = $"//artifactregistry.googleapis.com/projects/{t.Project}/locations/{t.Location}";
        var all = call.Store.ListRepositories(t.Project!, t.Location!);
        IEnumerable<RepositoryView> visible = all;
        if (!call.Services.Authorizer.HasOnProject(call.Caller, t.Project!, Permissions.RepositoriesList))
        {
            visible = all.Where(r => call.Services.Authorizer.Has(call.Caller, r.Name, Permissions.RepositoriesList)).ToList();
            if (!visible.Any())
                throw GoogleApiException.PermissionDenied(Permissions.RepositoriesList, locationResource);
        }

        var filter = ListFilter.Parse(call.Query("filter"), FilterKeys);
        if (filter is not null)
            visible = visible.Where(r => filter.Matches(key => key == "name"
                ? [r.Name.Resource, r.Name.Repository]
                : key.StartsWith("labels.", StringComparison.Ordinal) && r.Settings.Labels.TryGetValue(key[7..], out var label) ? [label] : []));
        var ordered = ListOrder.Apply(visible, call.Query("orderBy"), OrderFields, r => r.Name.Resource);
        return Paging.AnswerPage(call, "repositories", ordered, "repositories|" + call.Query("filter") + "|" + call.Query("orderBy"), (w, repository) => ResourceJson.Repository(w, repository));
    }

    public static async Task CreateAsync(RestCall call)
    {
        var t = call.Target;
        call.RequireOnProject(Permissions.RepositoriesCreate, $"//artifactregistry.googleapis.com/projects/{t.Project}/locations/{t.Location}");
        var id = call.Query("repositoryId");
        if (string.IsNullOrEmpty(id) || !RepositoryIdShape().IsMatch(id))
            throw GoogleApiException.InvalidArgument(
                $"Invalid repository id \"{id}\": it must start with a lowercase letter, contain only lowercase letters, digits and hyphens, end with a letter or digit, and be at most 63 characters.");
        if (!call.Services.Locations.Contains(t.Location!))
            throw GoogleApiException.InvalidArgument(
                $"Location \"{t.Location}\" is not served by this sandbox; it serves {string.Join(", ", call.Services.Locations)} (start it with SandboxOptions.Locations to add more).");

        using var body = await JsonBody.ReadAsync(call.Http.Request, call.Aborted).ConfigureAwait(false);
        var root = body?.RootElement ?? default;
        var format = Text(root, "format");
        if (format is null || !Formats.Contains(format))
            throw GoogleApiException.InvalidArgument($"Repository format must be one of {string.Join(", ", Formats)}; got \"{format}\".");
        var now = call.Store.Now;
        var settings = Apply(new RepositorySettings { Format = format, CreateTime = now, UpdateTime = now }, root, mask: null);
        RepositoryView created;
        try
        {
            created = call.Store.CreateRepository(new RepositoryName(t.Project!, t.Location!, id), settings);
        }
        catch (StoreException e) when (e.Error == StoreError.AlreadyExists)
        {
            throw GoogleApiException.AlreadyExists("the repository already exists");
        }

        var operation = call.Services.Operations.Complete(t.Project!, t.Location!,
            response: w => ResourceJson.Repository(w, created, "type.googleapis.com/google.devtools.artifactregistry.v1.Repository"));
        await RawJson.WriteAsync(call.Http, 200, operation).ConfigureAwait(false);
    }

    public static Task GetAsync(RestCall call)
    {
        call.Require(Permissions.RepositoriesGet);
        var repository = call.Store.FindRepository(call.Repository) ?? throw GoogleApiException.NotFound();
        return call.Json(w => ResourceJson.Repository(w, repository));
    }

    public static async Task PatchAsync(RestCall call)
    {
        call.Require(Permissions.RepositoriesUpdate);
        using var body = await JsonBody.ReadAsync(call.Http.Request, call.Aborted).ConfigureAwait(false);
        var root = body?.RootElement ?? default;
        var mask = call.Query("updateMask")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (Text(root, "format") is { } format && call.Store.FindRepository(call.Repository) is { } current && current.Settings.Format != format)
            throw GoogleApiException.InvalidArgument("The repository format cannot be changed.");
        var updated = call.Store.UpdateRepository(call.Repository, s => Apply(s, root, mask));
        await call.Json(w => ResourceJson.Repository(w, updated)).ConfigureAwait(false);
    }

    public static async Task DeleteAsync(RestCall call)
    {
        call.Require(Permissions.RepositoriesDelete);
        call.Store.DeleteRepository(call.Repository);
        var operation = call.Services.Operations.Complete(call.Repository.Project, call.Repository.Location);
        await RawJson.WriteAsync(call.Http, 200, operation).ConfigureAwait(false);
    }

    /// <summary>Applies the fields of a Repository body; with an update mask only the masked fields (snake or camel case).</summary>
    private static RepositorySettings Apply(RepositorySettings settings, JsonElement root, HashSet<string>? mask)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return settings;
        bool Masked(params string[] names) => mask is null ? names.Any(n => Has(root, n.Split('.')[0])) : names.Any(mask.Contains);

        if (Masked("description"))
            settings = settings with { Description = Text(root, "description") };
        if (Masked("labels"))
            settings = settings with { Labels = Labels(root) };
        if (Masked("dockerConfig", "docker_config", "dockerConfig.immutableTags", "docker_config.immutable_tags"))
            settings = settings with
            {
                ImmutableTags = root.TryGetProperty("dockerConfig", out var docker) && docker.ValueKind == JsonValueKind.Object
                                && docker.TryGetProperty("immutableTags", out var immutable) && immutable.ValueKind == JsonValueKind.True,
            };
        if (Masked("cleanupPolicies", "cleanup_policies"))
            settings = settings with { CleanupPoliciesJson = CleanupPolicies.Validate(root) };
        if (Masked("cleanupPolicyDryRun", "cleanup_policy_dry_run"))
            settings = settings with
            {
                CleanupPolicyDryRun = root.TryGetProperty("cleanupPolicyDryRun", out var dryRun) && dryRun.ValueKind == JsonValueKind.True,
            };
        if (Masked("mode") && Text(root, "mode") is { } mode)
            settings = settings with { Mode = mode };
        if (Masked("kmsKeyName", "kms_key_name"))
            settings = settings with { KmsKeyName = Text(root, "kmsKeyName") };
        return settings;
    }

    private static ImmutableSortedDictionary<string, string> Labels(JsonElement root)
    {
        if (!root.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Object)
            return ImmutableSortedDictionary<string, string>.Empty;
        return labels.EnumerateObject().ToImmutableSortedDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
    }

    private static bool Has(JsonElement root, string name) => root.TryGetProperty(name, out _);

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
