using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ArtifactRegistry.Sandbox.Iam;
using ArtifactRegistry.Sandbox.Persistence;

namespace ArtifactRegistry.Sandbox.Storage;

internal sealed partial class ArtifactStore
{
    /// <summary>Copies the store's content into a snapshot (under the lock; no I/O).</summary>
    public void ExportTo(StateSnapshot snapshot)
    {
        lock (_gate)
        {
            snapshot.ProjectPolicies = _projectPolicies.ToDictionary(p => p.Key, p => Record(p.Value), StringComparer.Ordinal);
            snapshot.Repositories = _repositories.Values.Select(r => new RepositoryRecord
            {
                Project = r.Name.Project,
                Location = r.Name.Location,
                Repository = r.Name.Repository,
                Settings = r.Settings,
                Policy = Record(r.Policy),
                Blobs = r.Blobs.ToDictionary(d => d.Value, d => Blobs.SizeOf(d) ?? 0, StringComparer.Ordinal),
                Packages = r.Packages.Values.Select(p => new PackageRecord
                {
                    Image = p.Image,
                    CreateTime = p.CreateTime,
                    UpdateTime = p.UpdateTime,
                    Versions = p.Versions.Values.Select(v => new VersionRecord
                    {
                        MediaType = v.MediaType,
                        Content = v.Content,
                        UploadTime = v.UploadTime,
                        UpdateTime = v.UpdateTime,
                        BuildTime = v.BuildTime,
                        ImageSizeBytes = v.ImageSizeBytes,
                    }).ToList(),
                    Tags = p.Tags.ToDictionary(t => t.Key, t => t.Value.Value, StringComparer.Ordinal),
                }).ToList(),
            }).ToList();
        }
    }

    /// <summary>Replaces the store's content with a snapshot's.</summary>
    public void ImportFrom(StateSnapshot snapshot)
    {
        lock (_gate)
        {
            _repositories.Clear();
            _projectPolicies.Clear();
            foreach (var (project, policy) in snapshot.ProjectPolicies)
                _projectPolicies[project] = Policy(policy);
            foreach (var record in snapshot.Repositories)
            {
                var name = new RepositoryName(record.Project, record.Location, record.Repository);
                var state = new RepositoryState(name, record.Settings ?? new RepositorySettings { CreateTime = Now, UpdateTime = Now })
                {
                    Policy = Policy(record.Policy),
                };
                foreach (var (digest, size) in record.Blobs)
                    if (Digest.TryParse(digest, out var parsed) && state.Blobs.Add(parsed))
                        state.BlobBytes += size;
                foreach (var packageRecord in record.Packages)
                {
                    var package = new PackageState(packageRecord.Image, packageRecord.CreateTime) { UpdateTime = packageRecord.UpdateTime };
                    foreach (var v in packageRecord.Versions)
                    {
                        var document = ManifestDocument.Parse(v.Content, v.MediaType);
                        var version = ManifestVersion.From(document, v.Content, v.UploadTime, v.BuildTime) with
                        {
                            UpdateTime = v.UpdateTime,
                            ImageSizeBytes = v.ImageSizeBytes,
                        };
                        package.Versions[version.Digest] = version;
                        state.ManifestBytes += v.Content.Length;
                    }

                    foreach (var (tag, digest) in packageRecord.Tags)
                        if (Digest.TryParse(digest, out var parsed) && package.Versions.ContainsKey(parsed))
                            package.SetTag(tag, parsed);
                    state.Packages[package.Image] = package;
                }

                _repositories[name] = state;
            }

            Changed();
        }
    }

    private static PolicyRecord Record(IamPolicy policy) => new()
    {
        Version = policy.Version,
        Etag = policy.Etag,
        Bindings = policy.Bindings.Select(b => new BindingRecord { Role = b.Role, Members = [.. b.Members], Condition = b.Condition?.ToJsonString() }).ToList(),
    };

    private static IamPolicy Policy(PolicyRecord record) => new(
        record.Version,
        record.Bindings.Select(b => new IamBinding(b.Role, [.. b.Members], b.Condition is null ? null : JsonNode.Parse(b.Condition)!.AsObject())).ToImmutableArray(),
        record.Etag);
}
