using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ArtifactRegistry.Tests.TestServers;

/// <summary>
/// Just enough of the Artifact Registry REST API for preflight unit tests: repositories with per-repository held permissions,
/// tags that exist or not, and creation. (Integration tests use the full sandbox.)
/// </summary>
public sealed class FakeArtifactRegistryRest : IAsyncDisposable
{
    public ConcurrentDictionary<string, string> RepositoryFormats { get; } = new();

    /// <summary>Repositories whose <c>dockerConfig.immutableTags</c> is true.</summary>
    public ConcurrentDictionary<string, bool> ImmutableTagRepositories { get; } = new();

    public ConcurrentDictionary<string, HashSet<string>> HeldPermissions { get; } = new();

    public ConcurrentDictionary<string, bool> ExistingTags { get; } = new();

    /// <summary>What a missing repository answers to testIamPermissions: 404, or 403 as for an invisible one.</summary>
    public int MissingRepositoryStatus { get; set; } = 404;

    public bool MayCreate { get; set; }

    public LocalHttpServer Server { get; private set; } = null!;

    public static async Task<FakeArtifactRegistryRest> StartAsync()
    {
        var fake = new FakeArtifactRegistryRest();
        fake.Server = await LocalHttpServer.StartAsync(app => app.Run(fake.AnswerAsync));
        return fake;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var path = Uri.UnescapeDataString(target.Split('?')[0])["/v1/".Length..];
        var method = context.Request.Method;

        if (method == "POST" && path.EndsWith(":testIamPermissions", StringComparison.Ordinal))
        {
            var repository = path[..^":testIamPermissions".Length];
            if (!RepositoryFormats.ContainsKey(repository))
            {
                await Error(context, MissingRepositoryStatus, MissingRepositoryStatus == 404 ? "NOT_FOUND" : "PERMISSION_DENIED", $"Repository {repository} not found");
                return;
            }
            var asked = (await JsonNode.ParseAsync(context.Request.Body))!["permissions"]!.AsArray().Select(p => p!.GetValue<string>());
            var held = HeldPermissions.GetValueOrDefault(repository) ?? [];
            await Json(context, 200, new JsonObject { ["permissions"] = new JsonArray(asked.Where(held.Contains).Select(p => (JsonNode)p).ToArray()) });
            return;
        }
        if (method == "POST" && path.EndsWith("/repositories", StringComparison.Ordinal))
        {
            if (!MayCreate)
            {
                await Error(context, 403, "PERMISSION_DENIED", "Permission 'artifactregistry.repositories.create' denied");
                return;
            }
            var name = $"{path}/{context.Request.Query["repositoryId"]}";
            if (!RepositoryFormats.TryAdd(name, (await JsonNode.ParseAsync(context.Request.Body))!["format"]!.GetValue<string>()))
            {
                await Error(context, 409, "ALREADY_EXISTS", "the repository already exists");
                return;
            }
            HeldPermissions[name] = ["artifactregistry.repositories.get", "artifactregistry.repositories.uploadArtifacts", "artifactregistry.tags.update"];
            await Json(context, 200, new JsonObject { ["name"] = path.Replace("/repositories", "/operations/op1"), ["done"] = true });
            return;
        }
        if (method == "GET" && path.Contains("/tags/", StringComparison.Ordinal))
        {
            if (ExistingTags.ContainsKey(path))
                await Json(context, 200, new JsonObject { ["name"] = path, ["version"] = "v" });
            else
                await Error(context, 404, "NOT_FOUND", "Requested entity was not found.");
            return;
        }
        if (method == "GET" && RepositoryFormats.TryGetValue(path, out var format))
        {
            var repository = new JsonObject { ["name"] = path, ["format"] = format };
            if (ImmutableTagRepositories.ContainsKey(path))
                repository["dockerConfig"] = new JsonObject { ["immutableTags"] = true };
            await Json(context, 200, repository);
            return;
        }
        await Error(context, 404, "NOT_FOUND", $"no route for {method} {path}");
    }

    private static Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task Error(HttpContext context, int status, string googleStatus, string message) =>
        Json(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = status, ["status"] = googleStatus, ["message"] = message } });

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
