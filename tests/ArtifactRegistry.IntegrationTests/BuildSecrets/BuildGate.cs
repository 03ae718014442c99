using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ArtifactRegistry.IntegrationTests.BuildSecrets;

/// <summary>
/// A file a Dockerfile fetches with <c>ADD http://127.0.0.1:PORT/gate.txt</c>. The engine fetches it in the middle of the build
/// and waits for the answer, so the build, and the docker CLI that runs it, are certainly alive while the callback given to the
/// constructor runs: what it sees is seen during the build, without any timing.
/// </summary>
internal sealed class BuildGate : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _body;
    private readonly Action _onFirstRequest;
    private readonly Task _loop;
    private int _requests;

    public BuildGate(string body, Action onFirstRequest)
    {
        _body = body;
        _onFirstRequest = onFirstRequest;
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary><c>http://127.0.0.1:PORT/gate.txt</c>.</summary>
    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/gate.txt";

    /// <summary>How many requests the engine made.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>What <see cref="OnFirstRequest"/> threw, if anything; the test rethrows it.</summary>
    public Exception? Failure { get; private set; }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            using (client)
            {
                var stream = client.GetStream();
                await ReadRequestHeadAsync(stream);
                if (Interlocked.Increment(ref _requests) == 1)
                {
                    try
                    {
                        _onFirstRequest();
                    }
                    catch (Exception exception)
                    {
                        Failure = exception;
                    }
                }
                var body = Encoding.UTF8.GetBytes(_body);
                var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(head);
                await stream.WriteAsync(body);
            }
        }
    }

    private static async Task ReadRequestHeadAsync(NetworkStream stream)
    {
        var seen = new List<byte>();
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer) == 1)
        {
            seen.Add(buffer[0]);
            if (seen.Count >= 4 && seen[^4] == '\r' && seen[^3] == '\n' && seen[^2] == '\r' && seen[^1] == '\n')
                return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
