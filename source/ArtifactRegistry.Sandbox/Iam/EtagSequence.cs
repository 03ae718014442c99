namespace ArtifactRegistry.Sandbox.Iam;

/// <summary>
/// The etags one sandbox gives its IAM policies: the bytes of a revision counter, sent as base64 the way Google sends
/// opaque etag bytes. Each store has its own sequence, started at a random revision unless told where to start, so an
/// etag from another sandbox or an earlier run is not taken for a current one.
/// </summary>
internal sealed class EtagSequence(long firstRevision)
{
    private long _last = firstRevision - 1;

    public static EtagSequence StartingAtRandom() => new(Random.Shared.NextInt64(1L << 40, 1L << 50));

    public string Next() => Convert.ToBase64String(BitConverter.GetBytes(Interlocked.Increment(ref _last)));
}
