using System.Net.Sockets;
using System.Text;

namespace ArtifactRegistry.LocalEngine;

/// <summary>
/// Minimal HTTP/1.0 over dockerd's unix socket: polling readiness this way costs well under a millisecond, where a
/// `docker version` per poll costs about 50 ms; and the engine is cleared without a docker CLI.
/// </summary>
internal static class EngineSocket
{
    public static Task<(int Status, string Body)?> TryGetAsync(string socketPath, string path, CancellationToken cancellationToken) =>
        TrySendAsync(socketPath, "GET", path, cancellationToken);

    public static async Task<(int Status, string Body)?> TrySendAsync(string socketPath, string method, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath))
            return null;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"{method} {path} HTTP/1.0\r\nHost: docker\r\nContent-Length: 0\r\n\r\n"), cancellationToken);

            using var response = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, cancellationToken)) > 0)
                response.Write(buffer, 0, read);

            var text = Encoding.UTF8.GetString(response.ToArray());
            var statusLine = text.Split("\r\n", 2)[0].Split(' ');
            var bodyStart = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (statusLine.Length < 2 || !int.TryParse(statusLine[1], out var status) || bodyStart < 0)
                return null;
            return (status, text[(bodyStart + 4)..]);
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
