using System.Collections.Concurrent;
using System.Diagnostics;
using ArtifactRegistry.Access;
using ArtifactRegistry.Iam;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Pruning;

internal sealed partial class PruneUntaggedOperation(ArtifactRegistryClient client, PruneUntaggedSettings settings, ILogger logger, TimeProvider time)
{
    private const int PackagesListedAtOnce = 4;

    private readonly ILogger _logger = logger;

    public async Task<PruneUntaggedResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var requestsBefore = client.RequestCount;
        var policy = settings.ToPolicy();
        var scope = PruneScope.Parse(settings.Images, settings.Repositories);
        var mode = settings.WriteCleanupPolicy ? "writing cleanup policies" : settings.DryRun ? "dry run" : "deleting";
        LogStart(policy.ToString(), string.Join(", ", scope.Packages.Select(p => p.ToImageReference().Name).Concat(scope.Repositories.Select(r => r.DockerPath + " (every image)"))), mode);

        if (settings.AccessPreflight)
        {
            var needs = settings.DryRun || settings.WriteCleanupPolicy ? AccessNeeds.Pull : AccessNeeds.Prune;
            await new AccessPreflight(client, _ => Task.FromResult(client.Tokens.Principal), _logger)
                .CheckAsync(scope.AllRepositories.Select(r => r.ToImageReference("image")), needs, createRepositoryIfMissing: false, cancellationToken)
                .ConfigureAwait(false);
        }

        IReadOnlySet<ImageDigest> inUse = new HashSet<ImageDigest>();
        if (settings.InUseDigests is { } source)
        {
            inUse = await source.FindAsync(scope.AllRepositories, cancellationToken).ConfigureAwait(false);
            LogInUse(inUse.Count, source.Description);
        }

        var versions = await ListAsync(scope, cancellationToken).ConfigureAwait(false);
        var plan = PrunePlanner.Plan(versions, policy, inUse, time.GetUtcNow());
        foreach (var line in plan.ToTable())
            LogTableLine(line);

        if (settings.WriteCleanupPolicy)
        {
            var translation = await WriteCleanupPoliciesAsync(policy, scope, cancellationToken).ConfigureAwait(false);
            return Finish(new PruneUntaggedResult { Plan = plan, DryRun = settings.DryRun, CleanupPolicy = translation }, started, requestsBefore);
        }

        if (settings.DryRun || plan.DeleteCount == 0)
            return Finish(new PruneUntaggedResult { Plan = plan, DryRun = settings.DryRun }, started, requestsBefore);

        var deleter = new VersionDeleter(client, new VersionDeleterOptions
        {
            DeletesPerSecond = settings.DeletesPerSecond,
            MaxConcurrency = settings.MaxConcurrency,
            Mode = settings.DeleteMode,
        }, _logger);
        var rounds = plan.DeletionRounds
            .Select(round => (IReadOnlyList<VersionDeletion>)[.. round.Select(d => new VersionDeletion(d.Version.Name, d.TagsToDelete, d.Index is { } index ? d.Version.Package.Version(index) : null))])
            .ToList();
        var deleting = Stopwatch.GetTimestamp();
        var report = await deleter.DeleteAsync(rounds, cancellationToken).ConfigureAwait(false);
        var result = Finish(new PruneUntaggedResult
        {
            Plan = plan, Outcomes = report.Outcomes, Cancelled = report.Cancelled, DeletionDuration = Stopwatch.GetElapsedTime(deleting),
        }, started, requestsBefore);

        if (report.PermissionDenied is { } denied)
        {
            var repository = report.Outcomes.First(o => o.Status == VersionDeletionStatus.NotAttempted).Deletion.Version.RepositoryName;
            throw new ArtifactRegistryAccessDeniedException(repository, client.Tokens.Principal,
                [ArtifactRegistryPermissions.DeleteVersion, ArtifactRegistryPermissions.DeleteTag], $"delete versions ({denied.GoogleMessage}) in");
        }

        if (report.Cancelled)
            throw new PruneCancelledException(result, cancellationToken);
        return result;
    }

    private async Task<List<ImageVersion>> ListAsync(PruneScope scope, CancellationToken cancellationToken)
    {
        var packages = new List<PackageName>(scope.Packages);
        foreach (var repository in scope.Repositories)
        {
            var found = 0;
            await foreach (var package in client.ListPackagesAsync(repository, cancellationToken: cancellationToken).ConfigureAwait(false))
                if (package.Name is not null && PackageName.TryParse(package.Name, out var name) && !packages.Contains(name))
                {
                    packages.Add(name);
                    found++;
                }

            LogPackages(repository.DockerPath, found);
        }

        var listed = new ConcurrentDictionary<PackageName, List<ImageVersion>>();
        await Parallel.ForEachAsync(packages, new ParallelOptions { MaxDegreeOfParallelism = PackagesListedAtOnce, CancellationToken = cancellationToken }, async (package, token) =>
        {
            try
            {
                listed[package] = await ImageVersionListing.ListAsync(client, package, token).ConfigureAwait(false);
            }
            catch (ArtifactRegistryApiException e) when (e.IsNotFound && scope.Packages.Contains(package))
            {
                // An image named in the settings that has no version (never pushed, or every version deleted): nothing to prune.
                LogNoSuchImage(package.ToImageReference().Name, package.RepositoryName.DockerPath);
                listed[package] = [];
            }
        }).ConfigureAwait(false);
        return [.. packages.SelectMany(p => listed[p])];
    }

    private async Task<CleanupPolicyTranslation> WriteCleanupPoliciesAsync(PrunePolicy policy, PruneScope scope, CancellationToken cancellationToken)
    {
        var translation = CleanupPolicyTranslation.From(policy, [], settings.DryRun);
        foreach (var repository in scope.AllRepositories)
        {
            var packages = scope.Repositories.Contains(repository) ? [] : scope.Packages.Where(p => p.RepositoryName == repository).Select(p => p.ImagePath).ToList();
            translation = CleanupPolicyTranslation.From(policy, packages, settings.DryRun);
            var current = await client.GetRepositoryAsync(repository, cancellationToken).ConfigureAwait(false);
            var merged = translation.MergeInto(repository, current.CleanupPolicies);
            await client.UpdateRepositoryAsync(repository, new Repository { CleanupPolicies = merged, CleanupPolicyDryRun = settings.DryRun },
                "cleanupPolicies,cleanupPolicyDryRun", cancellationToken).ConfigureAwait(false);
            LogPolicyWritten(repository.DockerPath, translation.Policies.Count);
        }

        return translation;
    }

    private PruneUntaggedResult Finish(PruneUntaggedResult result, long started, int requestsBefore)
    {
        result = result with { ApiRequests = client.RequestCount - requestsBefore, Duration = Stopwatch.GetElapsedTime(started) };
        foreach (var line in result.ToString().Split('\n'))
            LogResultLine(line);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PruneUntagged: {Policy}; {Scope}; {Mode}")]
    private partial void LogStart(string policy, string scope, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "In use, never deleted: {Count} digests ({Source})")]
    private partial void LogInUse(int count, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository}: {Count} images")]
    private partial void LogPackages(string repository, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Image}: no such image in {Repository}, nothing to prune")]
    private partial void LogNoSuchImage(string image, string repository);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private partial void LogTableLine(string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    private partial void LogResultLine(string line);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Repository}: {Count} cleanup policies written")]
    private partial void LogPolicyWritten(string repository, int count);
}
