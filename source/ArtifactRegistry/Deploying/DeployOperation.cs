using ArtifactRegistry.Hints;
using ArtifactRegistry.Context;
using ArtifactRegistry.Docker;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.GitOps;
using ArtifactRegistry.Grants;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.References;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// EnsureDockerAuth for every image, each image's BuildAndPush, then every SetImage at once. What does not depend on the image
/// runs beside the build instead of before it: the docker login beside BuildAndPush's git and engine checks, the access
/// preflight, the cluster's checks (<see cref="RolloutPreflight"/>) and the reader grants beside docker's build; the first of
/// them to fail stops the others, so a refusal or a missing workload still ends the deploy before the build has finished.
/// </summary>
internal sealed class DeployOperation(OperationContext context, DeploySettings settings)
{
    private readonly ILogger _logger = context.Logger;

    public async Task<DeployResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = context.Time.GetTimestamp();
        var images = Plan();
        if (settings.DryRun)
            return await DryRunAsync(images, started, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Deploy {Images}", string.Join(", ", images.Select(image => $"{image.Reference} → {string.Join(", ", image.Rollout.Workloads)}")));

        // Whatever fails first stops the rest: a missing workload ends a build that would otherwise run to its end.
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // On the thread pool: loading the kubeconfig and the Kubernetes client is synchronous work that must not hold up the build.
        var rolled = images.Where(image => image.Rollout.Workloads.Count > 0).Select(image => image.Rollout).ToList();
        var preflight = rolled.Count == 0
            ? Task.FromResult<KubeCluster?>(null)
            : StopOthersOnFailure(Task.Run(async () => (KubeCluster?)await RolloutPreflight.RunAsync(context, rolled, failFast.Token).ConfigureAwait(false), failFast.Token), failFast);
        var grants = StopOthersOnFailure(Task.Run(() => GrantAsync(images, failFast.Token), failFast.Token), failFast);
        var auth = OpenDockerAuth(images, failFast.Token);
        var access = StopOthersOnFailure(auth.AccessChecked, failFast);

        IReadOnlyList<BuildAndPushResult> pushed;
        try
        {
            pushed = await BuildAndPushAllAsync(images, auth.Session, context, failFast.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Stopped by a failed check: its exception is the one to report.
            try
            {
                await Task.WhenAll(preflight, grants, access).ConfigureAwait(false);
            }
            finally
            {
                DisposeChecked(preflight);
            }
            throw;
        }
        catch
        {
            await failFast.CancelAsync().ConfigureAwait(false);
            await Quietly(preflight, grants, access).ConfigureAwait(false);
            DisposeChecked(preflight);
            throw;
        }

        using var cluster = await PreflightedAsync(preflight, access, grants).ConfigureAwait(false);
        var granted = await grants.ConfigureAwait(false);

        var pins = settings.Kustomization is { } kustomization
            ? pushed.Select(push => KustomizationFile.Pin(kustomization, push.PinnedImage, write: true)).ToList()
            : [];
        foreach (var pin in pins)
            _logger.LogInformation("Deploy: {Name} pinned to {Image}@{Digest} in {Path}", pin.Name, pin.NewName, pin.Digest, pin.Path);
        var rollouts = await Task.WhenAll(images.Select((image, i) => image.Rollout.Workloads.Count == 0
            ? Task.FromResult<(SetImageResult Result, RolloutFailedException? Failure)>((new SetImageResult { KubeContext = "-", Workloads = [] }, null))
            : RollOutAsync(image.Rollout.SetImage(pushed[i]), cluster, cancellationToken))).ConfigureAwait(false);
        var result = new DeployResult
        {
            Pushed = pushed,
            Kustomizations = pins,
            Grants = granted,
            Rollouts = [.. rollouts.Select(rollout => rollout.Result)],
            Duration = context.Time.GetElapsedTime(started),
        };
        var failed = rollouts.FirstOrDefault(rollout => rollout.Failure is not null).Failure;
        _logger.Log(failed is null ? LogLevel.Information : LogLevel.Error, "Deploy {Outcome}{NewLine}{Table}", failed is null ? "done" : "FAILED", Environment.NewLine, result);
        return failed is null ? result : throw failed.InDeploy(result);
    }

    /// <summary>Every image's settings, checked before anything is started: a typo fails in milliseconds.</summary>
    private List<PlannedImage> Plan()
    {
        if (settings.Images.Count == 0)
        {
            var image = SettingNames.DeployImages.With("asia-docker.pkg.dev/PROJECT-ID/REPOSITORY/IMAGE");
            var workloads = SettingNames.Workloads.With("deployment/NAME");
            throw new SettingsException(
                $"Deploy was given no image, so there is nothing to build and roll out: {image} with the workloads that run it ({workloads}).", image, workloads);
        }
        if (settings.ReaderMember is { } member)
            IamMember.Parse(member, SettingNames.ReaderMember.With("serviceAccount:NAME@PROJECT.iam.gserviceaccount.com"));
        var planned = new List<PlannedImage>();
        foreach (var image in settings.Images)
        {
            var reference = ImageReference.Parse(image.Image);
            if (image.Workloads.Count == 0 && settings.Kustomization is null)
            {
                var workloads = SettingNames.Workloads.With($"deployment/{reference.ImagePath.Split('/')[^1]}");
                throw new SettingsException(
                    $"Deploy has no workload for {image.Image}, so it would push an image nothing runs: name the ones that run it ({workloads}). " +
                    $"To build and push without deploying, use BuildAndPush; to pin it in a kustomization for GitOps, {SettingNames.Kustomization.With("deploy/overlays/prod")}.",
                    workloads, SettingNames.Kustomization.With("deploy/overlays/prod"));
            }
            if (image.Workloads.Count > 0)
                SetImageOperation.ParseWorkloads(image.Workloads);
            var build = settings.Build.SetImage(image.Image);
            if (image.ContextDirectory is not null)
                build = build.SetContextDirectory(image.ContextDirectory);
            if (image.Dockerfile is not null)
                build = build.SetDockerfile(image.Dockerfile);
            var rollout = settings.Rollout.SetWorkloads(image.Workloads);
            if (image.Container is not null)
                rollout = rollout.SetContainer(image.Container);
            planned.Add(new PlannedImage(reference, build, rollout));
        }

        if (settings.Kustomization is { } kustomization)
            KustomizationFile.Check(kustomization);
        var duplicate = planned.GroupBy(image => image.Reference.Name).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new SettingsException(
                $"Deploy was given {duplicate.Key} {duplicate.Count()} times.{Environment.NewLine}" +
                $"Each image is built, pushed and rolled out once, so the library cannot tell which entry's build and workloads you meant.{Environment.NewLine}" +
                $"Give each image once with {SettingNames.DeployImages}, with all the workloads that run it.", SettingNames.DeployImages);
        return planned;
    }

    /// <summary>
    /// Everything a real deploy checks before it builds, and the rollouts' patches with <c>dryRun=All</c>: the tags the build would
    /// push (git included), the credentials and the access preflight (the session is closed again), every workload and container
    /// as SetImage reads them. Nothing is built, pushed, granted or patched.
    /// </summary>
    private async Task<DeployResult> DryRunAsync(List<PlannedImage> images, long started, CancellationToken cancellationToken)
    {
        _logger.LogInformation("Deploy dry run {Images}", string.Join(", ", images.Select(image => $"{image.Reference} → {string.Join(", ", image.Rollout.Workloads)}")));
        var next = await Task.WhenAll(images.Select(image => new BuildAndPushOperation(context, image.Build, new ArtifactRegistryPublishing(context, image.Build)).PlanAsync(cancellationToken)))
            .ConfigureAwait(false);
        var auth = OpenDockerAuth(images, cancellationToken);
        try
        {
            await auth.AccessChecked.ConfigureAwait(false);
        }
        finally
        {
            if (auth.Session is { } session)
            {
                await Quietly(session).ConfigureAwait(false);
                if (session.IsCompletedSuccessfully)
                    await session.Result.DisposeAsync().ConfigureAwait(false);
            }
        }
        if (settings.ReaderMember is { } member)
            _logger.LogInformation("Deploy dry run: the reader grant for {Member} is neither checked nor made", member);

        var rollouts = await Task.WhenAll(images.Select((image, i) => image.Rollout.Workloads.Count == 0
            ? Task.FromResult(new SetImageResult { KubeContext = "-", Workloads = [] })
            : SetImage.RunAsync(context, image.Rollout with { Image = next[i].ToString(), ImageIsNextBuild = true, DryRun = true }, cancellationToken))).ConfigureAwait(false);
        if (settings.Kustomization is { } kustomization)
            _logger.LogInformation("Deploy dry run: {Images} would be pinned in {Path}", string.Join(", ", next), KustomizationFile.Check(kustomization));
        var result = new DeployResult { Pushed = [], Rollouts = rollouts, DryRun = true, Duration = context.Time.GetElapsedTime(started) };
        _logger.LogInformation("Deploy dry run: nothing was built, pushed or changed{NewLine}{Table}", Environment.NewLine, result);
        return result;
    }

    /// <summary>
    /// EnsureDockerAuth for every image without its access preflight, which then runs while the first BuildAndPush checks git and
    /// the docker engine and docker builds: the login is awaited before the build, the preflight's refusal stops the build.
    /// </summary>
    private (Task<DockerAuthSession>? Session, Task AccessChecked) OpenDockerAuth(List<PlannedImage> images, CancellationToken cancellationToken)
    {
        var build = settings.Build;
        if (build.DockerAuthSession is not null || !build.DockerAuth)
            return (null, Task.CompletedTask);
        var auth = build.DockerAuthSettings.SetImages(images.Select(image => image.Reference));
        // On the thread pool: finding the credentials and fetching a token start synchronously, which held the build's git and
        // engine checks back by half a second in a cold process.
        var opened = Task.Run(() => EnsureDockerAuth.RunAsync(context, auth.SetAccessPreflight(false), cancellationToken), cancellationToken);
        var session = opened.ContinueWith(result => result.GetAwaiter().GetResult().Session, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var accessChecked = auth.AccessPreflight
            ? CheckAccessAsync(opened, auth, cancellationToken)
            : session;
        return (session, accessChecked);
    }

    private async Task CheckAccessAsync(Task<EnsureDockerAuthResult> opened, EnsureDockerAuthSettings auth, CancellationToken cancellationToken)
    {
        var result = await opened.ConfigureAwait(false);
        await EnsureDockerAuth.PreflightAsync(context, auth, result, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<BuildAndPushResult>> BuildAndPushAllAsync(
        List<PlannedImage> images, Task<DockerAuthSession>? session, OperationContext context, CancellationToken cancellationToken)
    {
        try
        {
            var pushed = new List<BuildAndPushResult>();
            foreach (var image in images)
            {
                var settings = session is null ? image.Build : image.Build with { PendingDockerAuthSession = session };
                pushed.Add(await BuildAndPush.RunAsync(context, settings, cancellationToken).ConfigureAwait(false));
            }

            return pushed;
        }
        finally
        {
            // Whatever happened, a session that was opened is closed (a build-scoped login deleted), and a failed one observed.
            if (session is not null)
            {
                await Quietly(session).ConfigureAwait(false);
                if (session.IsCompletedSuccessfully)
                    await session.Result.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The reader grant on every repository, when asked for. Credentials that may not manage IAM (a CI account usually may
    /// not) are no reason to stop a deploy whose grant an administrator made long ago: that is said, with the command, and
    /// SetImage's pull diagnosis still catches a grant that is really missing.
    /// </summary>
    private async Task<IReadOnlyList<GrantReaderResult>> GrantAsync(List<PlannedImage> images, CancellationToken cancellationToken)
    {
        if (settings.ReaderMember is not { } member)
            return [];
        var results = new List<GrantReaderResult>();
        foreach (var repository in images.Select(image => image.Reference.RepositoryName).Distinct())
        {
            try
            {
                results.Add(await GrantReader.RunAsync(context, s => s.SetRepository(repository.ToString()).SetMember(member), cancellationToken).ConfigureAwait(false));
            }
            catch (IamPolicyAccessDeniedException e)
            {
                _logger.LogWarning("Deploy: the reader grant for {Member} on {Repository} was not checked: {Reason}", member, repository.DockerPath, e.Message);
            }
        }

        return results;
    }

    private async Task<(SetImageResult Result, RolloutFailedException? Failure)> RollOutAsync(SetImageSettings rollout, KubeCluster? cluster, CancellationToken cancellationToken)
    {
        try
        {
            return (await new SetImageOperation(context, rollout, new GkeNodeServiceAccounts(context), cluster).RunAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (RolloutFailedException e)
        {
            return (e.Result, e);
        }
    }

    private static async Task<T> StopOthersOnFailure<T>(Task<T> task, CancellationTokenSource others)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await others.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task StopOthersOnFailure(Task task, CancellationTokenSource others) =>
        await StopOthersOnFailure(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), others).ConfigureAwait(false);

    /// <summary>The preflight's cluster once the access check has passed too; when either failed, the cluster is closed and the grants observed.</summary>
    private static async Task<KubeCluster?> PreflightedAsync(Task<KubeCluster?> preflight, Task access, Task grants)
    {
        try
        {
            await access.ConfigureAwait(false);
            return await preflight.ConfigureAwait(false);
        }
        catch
        {
            await Quietly(preflight, grants).ConfigureAwait(false);
            DisposeChecked(preflight);
            throw;
        }
    }

    private static void DisposeChecked(Task<KubeCluster?> preflight)
    {
        if (preflight.IsCompletedSuccessfully)
            preflight.Result?.Dispose();
    }

    private static async Task Quietly(params Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch
        {
            // The first failure is being reported; these only must not go unobserved.
        }
    }

    private sealed record PlannedImage(ImageReference Reference, BuildAndPushSettings Build, SetImageSettings Rollout);
}
