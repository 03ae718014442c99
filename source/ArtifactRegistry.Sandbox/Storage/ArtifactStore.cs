using System.Collections.Concurrent;
using ArtifactRegistry.Sandbox.Iam;

namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>
/// The one store behind both protocols: repositories, packages, versions, tags and IAM policies.
/// What <c>docker push</c> writes through the Registry API is what the REST API lists, and REST tag changes are what
/// the Registry API resolves. Mutations happen under one lock that never covers I/O; reads copy immutable records out.
/// </summary>
internal sealed partial class ArtifactStore
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<RepositoryName, RepositoryState> _repositories = new();
    private readonly ConcurrentDictionary<string, IamPolicy> _projectPolicies = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly EtagSequence _etags;
    private long _revision;

    public ArtifactStore(BlobStore blobs, TimeProvider time, EtagSequence etags)
    {
        Blobs = blobs;
        _time = time;
        _etags = etags;
    }

    public BlobStore Blobs { get; }

    /// <summary>Increases on every change; the state directory writer saves when it moves.</summary>
    public long Revision => Interlocked.Read(ref _revision);

    public DateTimeOffset Now => _time.GetUtcNow();

    public RepositoryView? FindRepository(RepositoryName name)
    {
        if (!_repositories.TryGetValue(name, out var repository))
            return null;
        lock (_gate)
            return repository.View();
    }

    public IReadOnlyList<RepositoryView> ListRepositories(string project, string location)
    {
        lock (_gate)
            return _repositories.Values
                .Where(r => r.Name.Project == project && r.Name.Location == location)
                .OrderBy(r => r.Name.Repository, StringComparer.Ordinal)
                .Select(r => r.View())
                .ToList();
    }

    public IReadOnlyList<RepositoryName> AllRepositories() => _repositories.Keys.ToList();

    public RepositoryView CreateRepository(RepositoryName name, RepositorySettings settings)
    {
        lock (_gate)
        {
            if (_repositories.ContainsKey(name))
                throw new StoreException(StoreError.AlreadyExists, $"the repository already exists: {name.Resource}");
            var state = new RepositoryState(name, settings);
            _repositories[name] = state;
            Changed();
            return state.View();
        }
    }

    public RepositoryView UpdateRepository(RepositoryName name, Func<RepositorySettings, RepositorySettings> update)
    {
        lock (_gate)
        {
            var repository = Repository(name);
            repository.Settings = update(repository.Settings) with { UpdateTime = Now };
            Changed();
            return repository.View();
        }
    }

    public void DeleteRepository(RepositoryName name)
    {
        lock (_gate)
        {
            if (!_repositories.TryRemove(name, out _))
                throw NotFound();
            Changed();
        }
    }

    /// <summary>Project and repository policies, read without the lock (both are immutable and replaced atomically).</summary>
    public EffectivePolicies PoliciesFor(RepositoryName name)
    {
        _projectPolicies.TryGetValue(name.Project, out var project);
        return _repositories.TryGetValue(name, out var repository)
            ? new EffectivePolicies(project, repository.Policy, true)
            : new EffectivePolicies(project, null, false);
    }

    public IamPolicy? ProjectPolicy(string project) => _projectPolicies.GetValueOrDefault(project);

    public IamPolicy RepositoryPolicy(RepositoryName name) =>
        _repositories.TryGetValue(name, out var repository) ? repository.Policy : throw NotFound();

    /// <summary>
    /// Replaces a repository's policy when <paramref name="expectedEtag"/> (if given) is still current;
    /// <paramref name="change"/> gets the current policy and the etag the changed one is to carry.
    /// </summary>
    public IamPolicy SetRepositoryPolicy(RepositoryName name, Func<IamPolicy, string, IamPolicy> change, string? expectedEtag)
    {
        lock (_gate)
        {
            var repository = Repository(name);
            var current = repository.Policy;
            if (expectedEtag is not null && !current.HasEtag(expectedEtag))
                throw new EtagMismatchException(expectedEtag, current.Etag);
            var next = change(current, _etags.Next());
            repository.Policy = next;
            Changed();
            return next;
        }
    }

    public IamPolicy SetProjectPolicy(string project, Func<IamPolicy, string, IamPolicy> change, string? expectedEtag)
    {
        lock (_gate)
        {
            var current = _projectPolicies.GetValueOrDefault(project) ?? IamPolicy.Empty;
            if (expectedEtag is not null && !current.HasEtag(expectedEtag))
                throw new EtagMismatchException(expectedEtag, current.Etag);
            var next = change(current, _etags.Next());
            _projectPolicies[project] = next;
            Changed();
            return next;
        }
    }

    public IReadOnlyDictionary<string, IamPolicy> ProjectPolicies() => new Dictionary<string, IamPolicy>(_projectPolicies);

    private RepositoryState Repository(RepositoryName name) =>
        _repositories.TryGetValue(name, out var repository) ? repository : throw NotFound();

    private static StoreException NotFound() => new(StoreError.NotFound, "Requested entity was not found.");

    private void Changed() => Interlocked.Increment(ref _revision);
}

/// <summary>A setIamPolicy whose etag is no longer the current one (someone else changed the policy in between).</summary>
internal sealed class EtagMismatchException(string requested, string current)
    : Exception($"The request's ETag '\"{requested}\"' did not match the current policy's ETag '\"{current}\"'.")
{
    public string Requested { get; } = requested;

    public string Current { get; } = current;
}
