using System.Buffers;
using System.Text.Json;
using ArtifactRegistry.Sandbox.Cluster.Store;
using ArtifactRegistry.Sandbox.Http;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>
/// A watch answer: chunked <c>application/json</c>, one event per line (<c>{"type":"MODIFIED","object":{…}}</c>), in
/// resourceVersion order, filtered by the selectors; <c>BOOKMARK</c> events when allowed; an <c>ERROR</c> event with a 410
/// Status when the resourceVersion is older than the history; the stream ends after <c>timeoutSeconds</c>.
/// </summary>
internal static class WatchStream
{
    public static async Task RunAsync(HttpContext http, ClusterStore store, ResourceType type, string? ns, long? since, Func<StoredObject, bool> matches,
        bool bookmarks, TimeSpan bookmarkInterval, TimeSpan timeout, bool asTable, CancellationToken stopping)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = ObjectJson.ContentType;
        http.Response.Headers.CacheControl = "no-cache, private";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        deadline.CancelAfter(timeout);
        Watcher watcher;
        try
        {
            watcher = store.Watch(type, ns, since);
        }
        catch (ClusterStoreException e) when (e.Error == ClusterStoreError.Expired)
        {
            await WriteLineAsync(http, w =>
            {
                w.WriteString("type", "ERROR");
                w.WritePropertyName("object");
                new KubeStatus(410, "Expired", e.Message).Write(w);
            }).ConfigureAwait(false);
            return;
        }

        using (watcher)
        {
            await http.Response.StartAsync(deadline.Token).ConfigureAwait(false);
            var lastVersion = since ?? store.Revision;
            var nextBookmark = DateTime.UtcNow + bookmarkInterval;
            try
            {
                while (!deadline.IsCancellationRequested)
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                    if (bookmarks)
                        wait.CancelAfter(Max(nextBookmark - DateTime.UtcNow, TimeSpan.Zero));
                    bool ready;
                    try
                    {
                        ready = await watcher.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
                    {
                        ready = true;
                    }

                    if (!ready)
                        return;
                    while (watcher.Reader.TryRead(out var change))
                    {
                        lastVersion = change.Object.ResourceVersion;
                        if (!matches(change.Object))
                            continue;
                        await WriteLineAsync(http, w =>
                        {
                            w.WriteString("type", change.TypeName);
                            w.WritePropertyName("object");
                            if (asTable)
                                TableView.Write(w, type, [change.Object], change.Object.ResourceVersion, "Object", store.Now);
                            else
                                w.WriteRawValue(change.Object.Json, skipInputValidation: true);
                        }).ConfigureAwait(false);
                    }

                    if (bookmarks && DateTime.UtcNow >= nextBookmark)
                    {
                        nextBookmark = DateTime.UtcNow + bookmarkInterval;
                        var version = Math.Max(lastVersion, 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        await WriteLineAsync(http, w =>
                        {
                            w.WriteString("type", "BOOKMARK");
                            w.WriteStartObject("object");
                            w.WriteString("kind", type.Kind);
                            w.WriteString("apiVersion", type.ApiVersion);
                            w.WriteStartObject("metadata");
                            w.WriteString("resourceVersion", version);
                            w.WriteNull("creationTimestamp");
                            w.WriteEndObject();
                            w.WriteEndObject();
                        }).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The timeout, the client leaving or the sandbox stopping: the stream simply ends, as the API server's does.
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task WriteLineAsync(HttpContext http, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer, JsonBody.Options))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        buffer.Write("\n"u8);
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
