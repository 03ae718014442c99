namespace ArtifactRegistry.IntegrationTests.Grants;

/// <summary>
/// Runs an action just before a <c>setIamPolicy</c> request leaves, the first <paramref name="times"/> times: another
/// administrator's change landing between GrantReader's read and its write, deterministically.
/// </summary>
internal sealed class BeforeSetIamPolicy(Action<HttpRequestMessage> action, int times) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _interceptions;

    public int Interceptions => Volatile.Read(ref _interceptions);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.EndsWith(":setIamPolicy", StringComparison.Ordinal) && _interceptions < times)
        {
            Interlocked.Increment(ref _interceptions);
            action(request);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
