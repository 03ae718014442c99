using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Benchmarks.Sandbox;

/// <summary>
/// The baseline: Kestrel on 127.0.0.1 doing the least an HTTP server can for the same requests (a constant JSON answer for
/// GET, the body read and dropped for uploads), so a ratio says how much the sandbox's own work costs.
/// </summary>
internal sealed class BareKestrel : IAsyncDisposable
{
    private static readonly byte[] Constant =
        """{"name":"projects/sample-project/locations/asia/repositories/sample","format":"DOCKER","createTime":"2024-01-01T00:00:00.000000Z","updateTime":"2024-01-01T00:00:00.000000Z","mode":"STANDARD_REPOSITORY","sizeBytes":"0","registryUri":"asia-docker.pkg.dev/sample-project/sample"}"""u8.ToArray();

    private readonly WebApplication _app;

    private BareKestrel(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static Task<BareKestrel> StartAsync() => StartAsync(null, null);

    /// <summary>With a certificate it serves HTTPS (the cluster's baseline); <paramref name="getBody"/> replaces the constant GET answer.</summary>
    public static async Task<BareKestrel> StartAsync(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, byte[]? getBody)
    {
        var body = getBody ?? Constant;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null;
            k.Listen(IPAddress.Loopback, 0, o =>
            {
                if (certificate is not null)
                    o.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        app.Run(async http =>
        {
            if (HttpMethods.IsGet(http.Request.Method))
            {
                http.Response.ContentType = "application/json; charset=UTF-8";
                http.Response.ContentLength = body.Length;
                await http.Response.Body.WriteAsync(body);
                return;
            }

            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
            while (await http.Request.Body.ReadAsync(buffer) > 0)
            {
            }

            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            http.Response.StatusCode = HttpMethods.IsPost(http.Request.Method) || HttpMethods.IsPatch(http.Request.Method) ? 202 : 201;
            http.Response.Headers.Location = "/v2/sample-project/sample/bench/blobs/uploads/baseline";
            http.Response.ContentLength = 0;
        });
        await app.StartAsync();
        var address = app.Urls.First();
        return new BareKestrel(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
