using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Cluster.Patching;
using ArtifactRegistry.Sandbox.Cluster.Store;
using ArtifactRegistry.Sandbox.Http;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>
/// GET, LIST, WATCH, POST, PUT, PATCH and DELETE of one resource type, plus the <c>status</c> and <c>scale</c> subresources:
/// the main resource ignores status changes and the status subresource ignores everything else, as the API server does.
/// </summary>
internal sealed class ResourceHandlers(HttpContext http, ClusterRequest request, SandboxCluster cluster)
{
    private ResourceType Type => request.Type!;

    private ClusterStore Store => cluster.Store;

    private string? Query(string name) => http.Request.Query[name] is { Count: > 0 } v ? v[0] : null;

    private bool DryRun => Query("dryRun") == "All";

    public Task GetAsync()
    {
        var stored = Store.Get(Type, request.Namespace, request.Name!) ?? throw KubeStatus.NotFound(Type, request.Name!);
        return TableView.IsRequested(http.Request.Headers.Accept) && request.Subresource is null
            ? WriteTableAsync([stored], stored.ResourceVersion)
            : ObjectJson.WriteAsync(http, 200, stored);
    }

    public Task ListAsync()
    {
        var labels = LabelSelector.Parse(Query("labelSelector"));
        var fields = FieldSelector.Parse(Query("fieldSelector"), Type);
        IReadOnlyList<StoredObject> items;
        long version;
        if (fields.SingleName is { } single && request.Namespace is not null || Type == ResourceType.Namespaces && fields.SingleName is not null)
        {
            var one = Store.Get(Type, request.Namespace, fields.SingleName!);
            (items, version) = (one is null ? [] : [one], Store.Revision);
        }
        else
        {
            (items, version) = Store.List(Type, request.Namespace);
        }

        items = items.Where(i => labels.Matches(i.Model.Metadata.Labels) && fields.Matches(i)).ToList();
        var offset = 0;
        if (Query("continue") is { Length: > 0 } token)
        {
            try
            {
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
                offset = int.Parse(parts[1], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException or OverflowException)
            {
                throw KubeStatus.BadRequest("continue key is not valid: " + token);
            }
        }

        string? next = null;
        long? remaining = null;
        var limit = int.TryParse(Query("limit"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var page = items.Skip(offset).Take(limit).ToList();
        if (offset + page.Count < items.Count)
        {
            next = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{version}:{offset + page.Count}"));
            remaining = items.Count - offset - page.Count;
        }

        return TableView.IsRequested(http.Request.Headers.Accept)
            ? WriteTableAsync(page, version)
            : ObjectJson.WriteListAsync(http, Type, page, version, next, remaining);
    }

    public Task WatchAsync()
    {
        var labels = LabelSelector.Parse(Query("labelSelector"));
        var fields = FieldSelector.Parse(Query("fieldSelector"), Type);
        long? since = long.TryParse(Query("resourceVersion"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rv) ? rv : null;
        var timeout = int.TryParse(Query("timeoutSeconds"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(30);
        if (cluster.Options.Speed.WatchLimit is { } limit && limit < timeout)
            timeout = limit;
        return WatchStream.RunAsync(http, Store, Type, request.Namespace, since, o => labels.Matches(o.Model.Metadata.Labels) && fields.Matches(o),
            QueryFlag.IsSet(http.Request, "allowWatchBookmarks"), cluster.Options.Speed.BookmarkInterval, timeout, TableView.IsRequested(http.Request.Headers.Accept), cluster.Stopping);
    }

    public async Task CreateAsync()
    {
        var body = await ObjectJson.ReadAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        var model = Parse(body);
        model.Metadata ??= new V1ObjectMeta();
        if (request.Namespace is not null)
        {
            if (model.Metadata.NamespaceProperty is { Length: > 0 } bodyNamespace && bodyNamespace != request.Namespace)
                throw KubeStatus.BadRequest($"the namespace of the provided object does not match the namespace sent on the request");
            model.Metadata.NamespaceProperty = request.Namespace;
            if (Store.Get(ResourceType.Namespaces, null, request.Namespace) is null)
                throw KubeStatus.NotFound(ResourceType.Namespaces, request.Namespace);
        }

        if (string.IsNullOrEmpty(model.Metadata.Name) && model.Metadata.GenerateName is { Length: > 0 } prefix)
            model.Metadata.Name = prefix + Controllers.PodTemplates.Suffix(Store.Revision + 1 + Environment.TickCount64 % 1000);
        model.Metadata.Generation = null;
        StripStatus(model);
        ObjectDefaults.Apply(model);
        ObjectDefaults.Validate(Type, model);
        if (DryRun)
        {
            await ObjectJson.WriteAsync(http, 201, ObjectJson.Utf8(KubernetesJson.Serialize(model))).ConfigureAwait(false);
            return;
        }

        var created = Store.Create(Type, model);
        await ObjectJson.WriteAsync(http, 201, created).ConfigureAwait(false);
    }

    public async Task UpdateAsync()
    {
        var body = await ObjectJson.ReadAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        var expected = body["metadata"]?["resourceVersion"]?.GetValue<string>();
        if (body["metadata"]?["name"]?.GetValue<string>() is { } bodyName && bodyName != request.Name)
            throw KubeStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({request.Name})");
        await ChangeAsync(_ => body.DeepClone(), expected).ConfigureAwait(false);
    }

    public async Task PatchAsync()
    {
        var contentType = http.Request.ContentType?.Split(';')[0].Trim() ?? "";
        Func<JsonNode, JsonNode?, JsonNode> apply = contentType switch
        {
            "application/strategic-merge-patch+json" => (target, patch) => StrategicMergePatch.Apply(target, patch) ?? new JsonObject(),
            "application/merge-patch+json" => (target, patch) => MergePatch.Apply(target, patch) ?? new JsonObject(),
            "application/json-patch+json" => JsonPatch.Apply,
            _ => throw KubeStatus.UnsupportedMediaType(contentType),
        };
        var patch = await ObjectJson.ReadAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        string? expected = patch is JsonObject o ? o["metadata"]?["resourceVersion"]?.GetValue<string>() : null;
        await ChangeAsync(current => apply(current, patch.DeepClone()), expected).ConfigureAwait(false);
    }

    public async Task DeleteAsync()
    {
        var stored = Store.Get(Type, request.Namespace, request.Name!) ?? throw KubeStatus.NotFound(Type, request.Name!);
        if (DryRun)
        {
            await ObjectJson.WriteAsync(http, 200, stored).ConfigureAwait(false);
            return;
        }

        var grace = int.TryParse(Query("gracePeriodSeconds"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) ? g : (int?)null;
        var result = cluster.Collector.Delete(stored, grace);
        await ObjectJson.WriteAsync(http, 200, result).ConfigureAwait(false);
    }

    public Task GetScaleAsync()
    {
        var stored = Store.Get(Type, request.Namespace, request.Name!) ?? throw KubeStatus.NotFound(Type, request.Name!);
        return ObjectJson.WriteAsync(http, 200, ObjectJson.Utf8(KubernetesJson.Serialize(Scale(stored))));
    }

    public async Task ChangeScaleAsync(bool patch)
    {
        var body = await ObjectJson.ReadAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        var contentType = http.Request.ContentType?.Split(';')[0].Trim() ?? "";
        var updated = Store.Replace(Type, request.Namespace, request.Name!, current =>
        {
            var scale = JsonNode.Parse(KubernetesJson.Serialize(Scale(current)))!;
            var changed = !patch ? body.DeepClone()
                : contentType == "application/json-patch+json" ? JsonPatch.Apply(scale, body.DeepClone())
                : MergePatch.Apply(scale, body) ?? scale;
            var replicas = changed["spec"]?["replicas"]?.GetValue<int>() ?? 0;
            if (replicas < 0)
                throw KubeStatus.Invalid(Type, request.Name!, $"spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0");
            var copy = current.Copy();
            switch (copy)
            {
                case V1Deployment d:
                    d.Spec.Replicas = replicas;
                    break;
                case V1ReplicaSet r:
                    r.Spec.Replicas = replicas;
                    break;
            }

            return copy;
        });
        await ObjectJson.WriteAsync(http, 200, ObjectJson.Utf8(KubernetesJson.Serialize(Scale(updated)))).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies a change to the current object's JSON, keeps what the endpoint may not change (status on the main resource,
    /// everything but status on <c>/status</c>), defaults, validates and stores it; a concurrent write makes it apply again.
    /// </summary>
    private async Task ChangeAsync(Func<JsonNode, JsonNode> change, string? expectedResourceVersion)
    {
        var status = request.Subresource == "status";
        StoredObject? dryRunResult = null;
        var stored = Store.Replace(Type, request.Namespace, request.Name!, current =>
        {
            var currentNode = JsonNode.Parse(current.Json)!;
            var changed = change(currentNode.DeepClone());
            if (changed is not JsonObject changedObject)
                throw KubeStatus.BadRequest("the changed object is not a JSON object");
            if (expectedResourceVersion is not null && expectedResourceVersion != current.ResourceVersion.ToString(CultureInfo.InvariantCulture))
                throw ClusterStore.Conflict(Type, current.Name);
            JsonObject result;
            if (status)
            {
                result = (JsonObject)currentNode.DeepClone();
                result.Remove("status");
                if (changedObject["status"] is { } newStatus)
                    result["status"] = newStatus.DeepClone();
            }
            else
            {
                result = changedObject;
                result.Remove("status");
                if (currentNode["status"] is { } oldStatus)
                    result["status"] = oldStatus.DeepClone();
                KeepSystemMetadata(result, currentNode);
            }

            var model = Parse(result);
            ObjectDefaults.Apply(model);
            ObjectDefaults.Validate(Type, model);
            var candidate = new StoredObject(Type, model, current.ResourceVersion);
            if (candidate.Json.AsSpan().SequenceEqual(current.Json))
                return null;
            if (DryRun)
            {
                dryRunResult = candidate;
                return null;
            }

            return model;
        }, expectedResourceVersion);
        await ObjectJson.WriteAsync(http, 200, dryRunResult ?? stored).ConfigureAwait(false);
    }

    /// <summary>Fields of metadata only the server sets: a client's values are ignored, as the API server ignores them.</summary>
    private static void KeepSystemMetadata(JsonObject result, JsonNode current)
    {
        if (result["metadata"] is not JsonObject metadata)
            result["metadata"] = metadata = new JsonObject();
        foreach (var field in new[] { "uid", "creationTimestamp", "generation", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "name", "namespace" })
        {
            metadata.Remove(field);
            if (current["metadata"]?[field] is { } value)
                metadata[field] = value.DeepClone();
        }
    }

    private IKubernetesObject<V1ObjectMeta> Parse(JsonNode body)
    {
        try
        {
            return Type.Parse(body.ToJsonString());
        }
        catch (JsonException e)
        {
            throw KubeStatus.BadRequest($"the body of the request was not a valid {Type.Kind}: {e.Message}");
        }
    }

    private static void StripStatus(IKubernetesObject<V1ObjectMeta> model)
    {
        switch (model)
        {
            case V1Deployment d:
                d.Status = null;
                break;
            case V1ReplicaSet r:
                r.Status = null;
                break;
            case V1Pod p:
                p.Status = null;
                break;
        }
    }

    private static V1Scale Scale(StoredObject stored)
    {
        var (replicas, current, selector) = stored.Model switch
        {
            V1Deployment d => (d.Spec.Replicas ?? 1, d.Status?.Replicas ?? 0, LabelSelector.Format(d.Spec.Selector)),
            V1ReplicaSet r => (r.Spec.Replicas ?? 1, r.Status?.Replicas ?? 0, LabelSelector.Format(r.Spec.Selector)),
            _ => (0, 0, ""),
        };
        var meta = stored.Model.Metadata;
        return new V1Scale
        {
            ApiVersion = "autoscaling/v1",
            Kind = "Scale",
            Metadata = new V1ObjectMeta { Name = meta.Name, NamespaceProperty = meta.NamespaceProperty, Uid = meta.Uid, ResourceVersion = meta.ResourceVersion, CreationTimestamp = meta.CreationTimestamp },
            Spec = new V1ScaleSpec { Replicas = replicas },
            Status = new V1ScaleStatus { Replicas = current, Selector = selector },
        };
    }

    private Task WriteTableAsync(IReadOnlyList<StoredObject> items, long version)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, JsonBody.Options))
            TableView.Write(w, Type, items, version, Query("includeObject"), Store.Now);
        return RawJson.WriteAsync(http, 200, buffer.WrittenMemory, ObjectJson.ContentType);
    }
}
