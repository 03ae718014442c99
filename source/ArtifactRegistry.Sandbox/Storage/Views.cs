using System.Collections.Immutable;
using ArtifactRegistry.Sandbox.Iam;

namespace ArtifactRegistry.Sandbox.Storage;

/// <summary>A repository as read at one moment.</summary>
internal sealed record RepositoryView(RepositoryName Name, RepositorySettings Settings, long SizeBytes);

/// <summary>A package (Docker image path) as read at one moment.</summary>
internal sealed record PackageView(RepositoryName Repository, string Image, DateTimeOffset CreateTime, DateTimeOffset UpdateTime);

/// <summary>A version (manifest) with the tags pointing at it.</summary>
internal sealed record VersionView(RepositoryName Repository, string Image, ManifestVersion Version, ImmutableArray<string> Tags);

/// <summary>A tag and the version it points at.</summary>
internal sealed record TagView(RepositoryName Repository, string Image, string Tag, Digest Digest);

/// <summary>The policies that decide a caller's permissions on a repository; either may be missing.</summary>
internal readonly record struct EffectivePolicies(IamPolicy? Project, IamPolicy? Repository, bool RepositoryExists);
