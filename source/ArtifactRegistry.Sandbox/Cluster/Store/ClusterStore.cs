using System.Threading.Channels;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Store;

/// <summary>
/// The cluster's etcd: objects by type, namespace and name, one resourceVersion counter for all of them, a history of
/// changes for watches that resume from a resourceVersion, and an index of children by their controller's uid (what a
/// deployment's replica sets and a replica set's pods are found by). Writes happen under one lock; stored models are never
/// changed, an update stores a changed copy.
/// </summary>
internal sealed class ClusterStore(TimeProvider time, int historyCapacity = 50_000)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ResourceType, SortedDictionary<string, StoredObject>> _objects =
        ResourceType.All.ToDictionary(t => t, _ => new SortedDictionary<string, StoredObject>(StringComparer.Ordinal));
    private readonly Dictionary<string, HashSet<StoredObject>> _children = new(StringComparer.Ordinal);
    private readonly Queue<Change> _history = new();
    private readonly List<Watcher> _watchers = [];
    private long _revision;
    private long _uidCounter;

    /// <summary>Called (under the store's lock, so in resourceVersion order) after every change; must not block.</summary>
    public event Action<Change>? Changed;

    public DateTime Now => Truncate(time.GetUtcNow().UtcDateTime);

    public long Revision
    {
        get
        {
            lock (_gate)
                return _revision;
        }
    }

    public StoredObject? Get(ResourceType type, string? ns, string name)
    {
        lock (_gate)
            return _objects[type].GetValueOrDefault(Key(ns, name));
    }

    public StoredObject GetRequired(ResourceType type, string? ns, string name) =>
        Get(type, ns, name) ?? throw NotFound(type, name);

    /// <summary>Objects of a type (in one namespace, or all when null) and the resourceVersion the list is consistent with.</summary>
    public (IReadOnlyList<StoredObject> Items, long ResourceVersion) List(ResourceType type, string? ns)
    {
        lock (_gate)
        {
            var all = _objects[type].Values;
            var items = ns is null ? all.ToList() : all.Where(o => o.Namespace == ns).ToList();
            return (items, _revision);
        }
    }

    /// <summary>Objects of <paramref name="type"/> whose controller owner reference names <paramref name="ownerUid"/>.</summary>
    public IReadOnlyList<StoredObject> Children(string ownerUid, ResourceType type)
    {
        lock (_gate)
            return _children.TryGetValue(ownerUid, out var set) ? set.Where(o => o.Type == type).ToList() : [];
    }

    public StoredObject Create(ResourceType type, IKubernetesObject<V1ObjectMeta> model)
    {
        lock (_gate)
        {
            var meta = model.Metadata;
            var key = Key(meta.NamespaceProperty, meta.Name);
            if (_objects[type].ContainsKey(key))
                throw new ClusterStoreException(ClusterStoreError.AlreadyExists, $"{type.QualifiedPlural} \"{meta.Name}\" already exists");
            model.ApiVersion = type.ApiVersion;
            model.Kind = type.Kind;
            meta.Uid = NewUid();
            meta.CreationTimestamp = Now;
            meta.ResourceVersion = null;
            meta.SelfLink = null;
            if (SpecOf(model) is not null)
                meta.Generation = 1;
            return Commit(type, key, null, model, ChangeType.Added);
        }
    }

    /// <summary>
    /// Changes an object: <paramref name="mutate"/> gets a private copy of the current version and returns false to leave it
    /// as it is. See <see cref="Replace"/>.
    /// </summary>
    public StoredObject Update(ResourceType type, string? ns, string name, Func<IKubernetesObject<V1ObjectMeta>, bool> mutate, string? expectedResourceVersion = null) =>
        Replace(type, ns, name, current =>
        {
            var copy = current.Copy();
            return mutate(copy) ? copy : null;
        }, expectedResourceVersion);

    /// <summary>
    /// Replaces an object with what <paramref name="produce"/> makes of its current version (null leaves it as it is); it runs
    /// again on the newer version when another write came in between. Name, namespace, uid and creation time are kept; a changed
    /// <c>spec</c> bumps <c>metadata.generation</c>. When <paramref name="expectedResourceVersion"/> is given and no longer
    /// current, the update is refused as the API server refuses it (409 Conflict).
    /// </summary>
    public StoredObject Replace(ResourceType type, string? ns, string name, Func<StoredObject, IKubernetesObject<V1ObjectMeta>?> produce, string? expectedResourceVersion = null)
    {
        StoredObject current;
        lock (_gate)
            current = _objects[type].GetValueOrDefault(Key(ns, name)) ?? throw NotFound(type, name);
        while (true)
        {
            if (expectedResourceVersion is not null && expectedResourceVersion != current.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
                throw Conflict(type, name);
            var copy = produce(current);
            if (copy is null)
                return current;
            lock (_gate)
            {
                var latest = _objects[type].GetValueOrDefault(Key(ns, name)) ?? throw NotFound(type, name);
                if (!ReferenceEquals(latest, current))
                {
                    // Someone else wrote in between (produce runs outside the lock): make the change again from the latest version.
                    current = latest;
                    continue;
                }

                var meta = copy.Metadata;
                meta.Name = current.Name;
                meta.NamespaceProperty = current.Namespace;
                meta.Uid = current.Uid;
                meta.CreationTimestamp = current.Model.Metadata.CreationTimestamp;
                meta.ResourceVersion = null;
                copy.ApiVersion = type.ApiVersion;
                copy.Kind = type.Kind;
                if (SpecOf(copy) is { } spec && spec != SpecOf(current.Model))
                    meta.Generation = (current.Model.Metadata.Generation ?? 0) + 1;
                else
                    meta.Generation = current.Model.Metadata.Generation;
                return Commit(type, Key(ns, name), current, copy, ChangeType.Modified);
            }
        }
    }

    public StoredObject? Delete(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            var key = Key(ns, name);
            if (!_objects[type].Remove(key, out var existing))
                return null;
            Unindex(existing);
            _revision++;
            // A DELETED event carries the object as it was last, with the resourceVersion of its deletion.
            var copy = existing.Copy();
            copy.Metadata.ResourceVersion = _revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var deleted = new StoredObject(type, copy, _revision);
            Publish(new Change(ChangeType.Deleted, deleted));
            return deleted;
        }
    }

    /// <summary>
    /// Starts a watch of a type (in one namespace, or all): changes newer than <paramref name="since"/> are replayed from
    /// history; with no <paramref name="since"/> (or 0) the current objects come first as ADDED, as the API server does.
    /// A <paramref name="since"/> older than the history is refused with 410 Expired.
    /// </summary>
    public Watcher Watch(ResourceType type, string? ns, long? since)
    {
        var watcher = new Watcher(type, ns);
        lock (_gate)
        {
            if (since is null or 0)
            {
                foreach (var item in _objects[type].Values)
                    if (ns is null || item.Namespace == ns)
                        watcher.Offer(new Change(ChangeType.Added, item));
            }
            else
            {
                var oldest = _history.TryPeek(out var first) ? first.Object.ResourceVersion - 1 : _revision;
                if (since < oldest)
                    throw new ClusterStoreException(ClusterStoreError.Expired, $"too old resource version: {since} ({oldest})");
                foreach (var change in _history)
                    if (change.Object.ResourceVersion > since && change.Object.Type == type && (ns is null || change.Object.Namespace == ns))
                        watcher.Offer(change);
            }

            _watchers.Add(watcher);
        }

        watcher.Disposed += () =>
        {
            lock (_gate)
                _watchers.Remove(watcher);
        };
        return watcher;
    }

    /// <summary>Forgets all but the newest <paramref name="keep"/> changes (what a long-running API server's compaction does to old resourceVersions).</summary>
    public void TrimHistory(int keep)
    {
        lock (_gate)
        {
            while (_history.Count > keep)
                _history.Dequeue();
        }
    }

    /// <summary>Every object of every type (for the state directory).</summary>
    public IReadOnlyList<StoredObject> All()
    {
        lock (_gate)
            return _objects.Values.SelectMany(o => o.Values).ToList();
    }

    /// <summary>Puts back objects saved by the state directory, keeping their uid, resourceVersion and timestamps.</summary>
    public void Restore(IEnumerable<(ResourceType Type, string Json)> objects, long revision)
    {
        lock (_gate)
        {
            foreach (var (type, json) in objects)
            {
                var model = type.Parse(json);
                var rv = long.TryParse(model.Metadata.ResourceVersion, out var parsed) ? parsed : 1;
                var stored = new StoredObject(type, model, rv);
                _objects[type][Key(stored.Namespace, stored.Name)] = stored;
                Index(stored);
            }

            _revision = Math.Max(_revision, revision);
            _uidCounter = Math.Max(_uidCounter, _revision);
        }
    }

    public static string Key(string? ns, string name) => ns is null ? name : ns + "/" + name;

    public static DateTime Truncate(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private StoredObject Commit(ResourceType type, string key, StoredObject? previous, IKubernetesObject<V1ObjectMeta> model, ChangeType change)
    {
        _revision++;
        model.Metadata.ResourceVersion = _revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stored = new StoredObject(type, model, _revision);
        _objects[type][key] = stored;
        if (previous is not null)
            Unindex(previous);
        Index(stored);
        Publish(new Change(change, stored));
        return stored;
    }

    private void Publish(Change change)
    {
        _history.Enqueue(change);
        while (_history.Count > historyCapacity)
            _history.Dequeue();
        foreach (var watcher in _watchers)
            if (watcher.Type == change.Object.Type && (watcher.Namespace is null || watcher.Namespace == change.Object.Namespace))
                watcher.Offer(change);
        Changed?.Invoke(change);
    }

    private void Index(StoredObject stored)
    {
        if (stored.ControllerUid is not { } owner)
            return;
        if (!_children.TryGetValue(owner, out var set))
            _children[owner] = set = [];
        set.Add(stored);
    }

    private void Unindex(StoredObject stored)
    {
        if (stored.ControllerUid is { } owner && _children.TryGetValue(owner, out var set))
        {
            set.Remove(stored);
            if (set.Count == 0)
                _children.Remove(owner);
        }
    }

    /// <summary>Unique, stable within a run and across restarts (the counter starts above the restored resourceVersion).</summary>
    private string NewUid()
    {
        var n = ++_uidCounter;
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, (ulong)n * 0x9E3779B97F4A7C15UL);
        BitConverter.TryWriteBytes(bytes[8..], (ulong)n ^ 0xD1B54A32D192ED03UL);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private static string? SpecOf(IKubernetesObject<V1ObjectMeta> model) => model switch
    {
        V1Deployment d => ModelJson.Text(d.Spec),
        V1ReplicaSet r => ModelJson.Text(r.Spec),
        V1StatefulSet t => ModelJson.Text(t.Spec),
        V1DaemonSet a => ModelJson.Text(a.Spec),
        _ => null,
    };

    public static ClusterStoreException NotFound(ResourceType type, string name) =>
        new(ClusterStoreError.NotFound, $"{type.QualifiedPlural} \"{name}\" not found");

    public static ClusterStoreException Conflict(ResourceType type, string name) =>
        new(ClusterStoreError.Conflict, $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
}

/// <summary>One open watch: changes arrive on <see cref="Reader"/> in resourceVersion order until it is disposed.</summary>
internal sealed class Watcher(ResourceType type, string? ns) : IDisposable
{
    private readonly Channel<Change> _channel = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });

    public event Action? Disposed;

    public ResourceType Type { get; } = type;

    public string? Namespace { get; } = ns;

    public ChannelReader<Change> Reader => _channel.Reader;

    public void Offer(Change change) => _channel.Writer.TryWrite(change);

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        Disposed?.Invoke();
    }
}
