using System.Collections.Concurrent;

namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>Open blob uploads by id. Abandoned sessions are dropped after a day, like registries expire stale uploads.</summary>
internal sealed class UploadSessions
{
    private static readonly TimeSpan Abandoned = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<string, UploadSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public UploadSessions(TimeProvider time) => _time = time;

    public UploadSession Start(RepositoryName repository, string image)
    {
        DropAbandoned();
        var session = new UploadSession(Guid.NewGuid().ToString(), repository, image, _time.GetUtcNow());
        _sessions[session.Id] = session;
        return session;
    }

    public UploadSession? Find(string id, RepositoryName repository) =>
        _sessions.TryGetValue(id, out var session) && session.Repository == repository ? session : null;

    public void Finish(UploadSession session)
    {
        if (_sessions.TryRemove(session.Id, out var removed))
            removed.Dispose();
    }

    private void DropAbandoned()
    {
        if (_sessions.Count < 256)
            return;
        var cutoff = _time.GetUtcNow() - Abandoned;
        foreach (var (id, session) in _sessions)
            if (session.Started < cutoff && _sessions.TryRemove(id, out _))
                session.Dispose();
    }
}
