using ArtifactRegistry.Iam;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ArtifactRegistry.Access;

/// <summary>
/// Asks Artifact Registry, before a long build, whether the principal may do what the build will do (<c>testIamPermissions</c>
/// per repository), so a missing role or repository fails in a second with the fix instead of after the build, at the push.
/// </summary>
internal sealed class AccessPreflight
{
    private readonly ArtifactRegistryClient _client;
    private readonly Func<CancellationToken, Task<GooglePrincipal>> _principal;
    private readonly ILogger _logger;

    /// <param name="client">The REST client, authenticated with the very token docker will use.</param>
    /// <param name="principal">Who that token belongs to; asked only when an error must name it.</param>
    public AccessPreflight(ArtifactRegistryClient client, Func<CancellationToken, Task<GooglePrincipal>> principal, ILogger? logger = null)
    {
        _client = client;
        _principal = principal;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The permissions a need requires on every repository touched.</summary>
    public static IReadOnlyList<string> PermissionsFor(AccessNeeds needs)
    {
        var permissions = new List<string>();
        if (needs.HasFlag(AccessNeeds.Pull))
            permissions.Add(ArtifactRegistryPermissions.DownloadArtifacts);
        if (needs.HasFlag(AccessNeeds.Push))
            permissions.Add(ArtifactRegistryPermissions.UploadArtifacts);
        if (needs.HasFlag(AccessNeeds.Prune))
            permissions.AddRange([ArtifactRegistryPermissions.DeleteVersion, ArtifactRegistryPermissions.DeleteTag]);
        return permissions;
    }

    /// <summary>Checks every repository of <paramref name="images"/>; throws the first problem found, with its fix.</summary>
    /// <exception cref="ArtifactRegistryAccessDeniedException">A permission is missing.</exception>
    /// <exception cref="RepositoryNotFoundException">A repository does not exist or cannot be seen (and was not created).</exception>
    /// <exception cref="RepositoryFormatException">A repository is not a DOCKER repository.</exception>
    public async Task<IReadOnlyList<RepositoryAccess>> CheckAsync(
        IEnumerable<ImageReference> images, AccessNeeds needs, bool createRepositoryIfMissing, CancellationToken cancellationToken = default)
    {
        var results = new List<RepositoryAccess>();
        foreach (var group in images.GroupBy(image => image.RepositoryName))
            results.Add(await CheckRepositoryAsync(group.Key, group.ToList(), needs, createRepositoryIfMissing, cancellationToken).ConfigureAwait(false));
        return results;
    }

    private async Task<RepositoryAccess> CheckRepositoryAsync(
        RepositoryName repository, IReadOnlyList<ImageReference> images, AccessNeeds needs, bool createIfMissing, CancellationToken cancellationToken)
    {
        var required = PermissionsFor(needs).ToList();
        var asked = required.Concat([ArtifactRegistryPermissions.GetRepository]);
        if (needs.HasFlag(AccessNeeds.Push))
            asked = asked.Append(ArtifactRegistryPermissions.UpdateTag);
        var askedList = asked.Distinct().ToList();

        var created = false;
        var untestable = new List<string>();
        var held = await TestAsync(repository, askedList, untestable, cancellationToken).ConfigureAwait(false);
        // 404, or 403 on the check itself: missing, or invisible, Artifact Registry does not say which.
        if (held is null)
        {
            if (!createIfMissing)
                throw new RepositoryNotFoundException(repository, await _principal(cancellationToken).ConfigureAwait(false), ArtifactRegistryPermissions.SmallestRoleFor(required));
            await CreateAsync(repository, required, cancellationToken).ConfigureAwait(false);
            created = true;
            held = await TestAsync(repository, askedList, untestable, cancellationToken).ConfigureAwait(false) ?? [];
        }
        else if (held.Count == 0 && createIfMissing)
        {
            // Nothing held at all: perhaps the repository does not exist. Creating it tells (ALREADY_EXISTS means a missing grant).
            await CreateAsync(repository, required, cancellationToken).ConfigureAwait(false);
            created = true;
            held = await TestAsync(repository, askedList, untestable, cancellationToken).ConfigureAwait(false) ?? [];
        }

        var movingTags = new List<string>();
        var immutableTags = false;
        if (held.Contains(ArtifactRegistryPermissions.GetRepository))
        {
            // Project-level roles answer testIamPermissions for a repository that does not exist: only a read tells.
            var found = await _client.FindRepositoryAsync(repository, cancellationToken).ConfigureAwait(false);
            if (found is null && !created && createIfMissing)
            {
                await CreateAsync(repository, required, cancellationToken).ConfigureAwait(false);
                created = true;
                held = await TestAsync(repository, askedList, untestable, cancellationToken).ConfigureAwait(false) ?? [];
                found = await _client.FindRepositoryAsync(repository, cancellationToken).ConfigureAwait(false);
            }
            if (found is null)
                throw new RepositoryNotFoundException(repository, await _principal(cancellationToken).ConfigureAwait(false), ArtifactRegistryPermissions.SmallestRoleFor(required));
            if (found.Format is { } format && !string.Equals(format, Repository.DockerFormat, StringComparison.OrdinalIgnoreCase))
                throw new RepositoryFormatException(repository, format);
            immutableTags = found.DockerConfig?.ImmutableTags == true;
            if (needs.HasFlag(AccessNeeds.Push))
                movingTags = await ExistingTagsAsync(images, cancellationToken).ConfigureAwait(false);
        }
        // Tags of an immutable-tags repository never move, so tags.update is no use there: whoever pushes decides (BuildAndPush refuses before its build).
        if (movingTags.Count > 0 && !immutableTags)
            required.Add(ArtifactRegistryPermissions.UpdateTag);
        // What could not be tested is not known to be missing: the operation itself will tell.
        required.RemoveAll(untestable.Contains);

        var missing = required.Where(permission => !held.Contains(permission)).Distinct().ToList();
        if (missing.Count > 0)
        {
            var purpose = needs.HasFlag(AccessNeeds.Prune) && !missing.Contains(ArtifactRegistryPermissions.UploadArtifacts) && !missing.Contains(ArtifactRegistryPermissions.UpdateTag)
                ? "prune"
                : movingTags.Count > 0 && missing.SequenceEqual([ArtifactRegistryPermissions.UpdateTag])
                    ? $"move the existing tag{(movingTags.Count > 1 ? "s" : "")} {string.Join(", ", movingTags)} in"
                    : needs.HasFlag(AccessNeeds.Push) ? "push to" : "pull from";
            throw new ArtifactRegistryAccessDeniedException(repository, await _principal(cancellationToken).ConfigureAwait(false), missing, purpose,
                repositoryMayBeMissing: held.Count == 0 && !created);
        }

        _logger.LogInformation("Access preflight: {Repository} grants {Permissions}{Moving}{Immutable}{Created}",
            repository, string.Join(", ", required.Select(ShortName)),
            movingTags.Count > 0 ? $" ({(immutableTags ? "tags that already exist" : "tags that will move")}: {string.Join(", ", movingTags)})" : "",
            immutableTags ? " (immutable tags)" : "",
            created ? " (repository created)" : "");
        return new RepositoryAccess(repository, required, held, movingTags, created)
        {
            UncheckedPermissions = untestable.Distinct().ToList(),
            ImmutableTags = immutableTags,
        };
    }

    /// <returns>The held permissions, or null when the repository does not exist or cannot be seen.</returns>
    /// <param name="untestable">Receives the permissions Artifact Registry refused to test.</param>
    private async Task<IReadOnlyList<string>?> TestAsync(RepositoryName repository, IReadOnlyList<string> permissions, List<string> untestable, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.TestIamPermissionsAsync(repository, permissions, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactRegistryApiException e) when (e.IsNotFound || e.IsPermissionDenied)
        {
            _logger.LogDebug("testIamPermissions on {Repository}: {Status}", repository, e.GoogleStatus);
            return null;
        }
        catch (ArtifactRegistryApiException e) when (e.IsInvalidArgument && permissions.Count > 1)
        {
            // One permission the resource does not accept fails the whole call: ask one by one to keep the answers for the others.
            var held = new List<string>();
            foreach (var permission in permissions)
            {
                var answer = await TestAsync(repository, [permission], untestable, cancellationToken).ConfigureAwait(false);
                if (answer is null)
                    return null;
                held.AddRange(answer);
            }
            return held;
        }
        catch (ArtifactRegistryApiException e) when (e.IsInvalidArgument)
        {
            _logger.LogWarning(
                "Access preflight: Artifact Registry refused to test {Permission} on {Repository} ({Status} {GoogleStatus}: {Message}); it is left unchecked, the other permissions are checked",
                permissions[0], repository, (int)e.HttpStatus, e.GoogleStatus, e.GoogleMessage);
            untestable.Add(permissions[0]);
            return [];
        }
    }

    private async Task CreateAsync(RepositoryName repository, IReadOnlyList<string> required, CancellationToken cancellationToken)
    {
        _logger.LogInformation("Access preflight: creating DOCKER repository {Repository}", repository);
        try
        {
            await _client.CreateRepositoryAndWaitAsync(repository, new Repository
            {
                Format = Repository.DockerFormat,
                Description = "Created by EnsureDockerAuth (CreateRepositoryIfMissing).",
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactRegistryApiException e) when (e.IsAlreadyExists)
        {
            // It exists but the principal cannot see it: that is a missing grant, not a missing repository.
            var principal = await _principal(cancellationToken).ConfigureAwait(false);
            throw new ArtifactRegistryAccessDeniedException(repository, principal, required.Prepend(ArtifactRegistryPermissions.GetRepository).Distinct().ToList(), "use");
        }
        catch (ArtifactRegistryApiException e) when (e.IsPermissionDenied)
        {
            var principal = await _principal(cancellationToken).ConfigureAwait(false);
            throw new RepositoryNotFoundException(repository, principal, ArtifactRegistryPermissions.SmallestRoleFor(required),
                $"{principal.Description} may not create repositories in project {repository.ProjectId} ({e.GoogleMessage}); " +
                $"grant {ArtifactRegistryPermissions.AdminRole} with: {GcloudCommands.AddProjectIamBinding(repository.ProjectId, principal, ArtifactRegistryPermissions.AdminRole)}, " +
                "or create the repository yourself.");
        }
    }

    private async Task<List<string>> ExistingTagsAsync(IReadOnlyList<ImageReference> images, CancellationToken cancellationToken)
    {
        var existing = new List<string>();
        foreach (var image in images.Where(image => !image.HasDigest || image.HasTag).DistinctBy(image => image.WithoutDigest().ToString()))
        {
            var tagged = image.HasTag ? image : image.WithTag(image.TagOrImplicitLatest);
            try
            {
                if (await _client.FindTagAsync(tagged.TagName, cancellationToken).ConfigureAwait(false) is not null)
                    existing.Add($"{tagged.ImagePath}:{tagged.Tag}");
            }
            catch (ArtifactRegistryApiException e) when (e.IsPermissionDenied)
            {
                // Without tags.get the tag cannot be seen; the push itself will tell if it moves.
            }
        }
        return existing;
    }

    private static string ShortName(string permission) => permission.Replace("artifactregistry.", "", StringComparison.Ordinal);
}
