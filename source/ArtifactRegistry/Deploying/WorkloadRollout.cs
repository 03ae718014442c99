using System.Text.Json.Nodes;
using ArtifactRegistry.Context;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.References;
using ArtifactRegistry.Rollouts;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Deploying;

/// <summary>One workload's part of SetImage: pin the image (one strategic-merge patch with the change-cause), watch, diagnose, and roll back if asked.</summary>
internal sealed class WorkloadRollout(
    KubeCluster cluster, OperationContext context, SetImageSettings settings, ImageReference image, string ns, INodeServiceAccounts nodeAccounts)
{
    private readonly ILogger _logger = context.Logger;
    private readonly RolloutWatch _watch = new(cluster, context.Logger, context.Time);

    /// <summary>Reads the workload and chooses its container: every workload is checked before any is patched.</summary>
    public async Task<Prepared> PrepareAsync(WorkloadReference workload, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(cluster, workload, ns, cancellationToken).ConfigureAwait(false);
        var container = ContainerSelection.Select(workload, current.Containers, settings.Container);
        return new Prepared(current, settings.ImageIsNextBuild ? ImageChange.ForNextBuild(container, image) : ImageChange.For(container, image));
    }

    public async Task<WorkloadRolloutResult> RunAsync(Prepared prepared, string changeCause, CancellationToken cancellationToken)
    {
        var started = context.Time.GetTimestamp();
        var (workload, change) = prepared;
        var label = workload.Reference.ToString();
        var result = new WorkloadRolloutResult
        {
            Workload = workload.Reference,
            Namespace = ns,
            Container = change.Container.Name,
            Image = image,
            PreviousImage = change.Container.Image,
            PreviousDigest = change.PreviousDigest,
            Outcome = RolloutOutcome.RolledOut,
        };

        if (settings.DryRun)
            return await PlanAsync(prepared, result, changeCause, started, cancellationToken).ConfigureAwait(false);

        WorkloadObject patched;
        if (change.IsUnchanged)
        {
            var state = RolloutProgress.Evaluate(workload.Status);
            if (state.IsComplete)
            {
                _logger.LogInformation("{Workload}: container {Container} already runs {Digest}; nothing to patch", label, change.Container.Name, image.Digest!.ToShortString());
                return Finish(result with { Outcome = RolloutOutcome.Unchanged }, workload, started);
            }
            _logger.LogInformation("{Workload}: container {Container} already has {Digest}, whose rollout has not finished; waiting for it", label, change.Container.Name, image.Digest!.ToShortString());
            patched = workload;
        }
        else
        {
            _logger.LogInformation("{Workload}: container {Container} {From} → {To}", label, change.Container.Name, change.Container.Image ?? "(no image)", image);
            patched = await cluster.PatchWorkloadAsync(workload.Reference, ns, ImagePatch(change, changeCause), V1Patch.PatchType.StrategicMergePatch, cancellationToken).ConfigureAwait(false);
        }

        var end = await _watch.WaitAsync(patched, pod => Runs(pod, change.Container, image.ToString()), settings.RolloutTimeout,
            awaitFreshPullErrors: change.IsUnchanged, cancellationToken).ConfigureAwait(false);
        if (end.Failure is null)
        {
            _logger.LogInformation("{Workload}: rolled out{Revision}", label, end.Workload.Status.Revision is { } revision ? $" as revision {revision}" : "");
            return Finish(result, end.Workload, started);
        }

        var failure = await ExplainAsync(end, change.Container, image.ToString(), cancellationToken).ConfigureAwait(false);
        _logger.LogError("{Failure}", failure);
        result = result with { Outcome = RolloutOutcome.Failed, Failure = failure, Diagnosis = end.Failure };
        if (!settings.RollbackOnFailure || change.IsUnchanged)
            return Finish(result, end.Workload, started);
        return await RollBackAsync(result, end.Workload, change.Container, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A dry run: the patch goes to the API server with <c>dryRun=All</c>, which validates, admits and authorizes it and stores nothing.</summary>
    private async Task<WorkloadRolloutResult> PlanAsync(Prepared prepared, WorkloadRolloutResult result, string changeCause, long started, CancellationToken cancellationToken)
    {
        var (workload, change) = prepared;
        var target = change.IsNextBuild ? $"{image}@<digest of the next build>" : image.ToString();
        if (change.IsUnchanged)
        {
            _logger.LogInformation("{Workload}: container {Container} already runs {Digest}; nothing would change", workload.Reference, change.Container.Name, image.Digest!.ToShortString());
            return Finish(result with { Outcome = RolloutOutcome.Unchanged }, workload, started);
        }

        await cluster.PatchWorkloadAsync(workload.Reference, ns, ImagePatch(change, changeCause), V1Patch.PatchType.StrategicMergePatch, cancellationToken, dryRun: true).ConfigureAwait(false);
        _logger.LogInformation("{Workload}: container {Container} {From} → {To} (dry run: the API server accepted the patch; nothing was changed)",
            workload.Reference, change.Container.Name, change.Container.Image ?? "(no image)", target);
        return Finish(result with { Outcome = RolloutOutcome.Planned }, workload, started);
    }

    /// <summary>Reads a workload; a missing one (or namespace) becomes the message that lists what exists.</summary>
    internal static async Task<WorkloadObject> ReadAsync(KubeCluster cluster, WorkloadReference workload, string ns, CancellationToken cancellationToken)
    {
        try
        {
            return await cluster.ReadWorkloadAsync(workload, ns, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException exception) when (exception.Problem == KubernetesApiProblem.NotFound)
        {
            var namespaceExists = await cluster.NamespaceExistsAsync(ns, cancellationToken).ConfigureAwait(false);
            if (namespaceExists == false)
                throw new WorkloadNotFoundException(workload, ns, cluster.Connection.ContextName, namespaceMissing: true,
                    await cluster.ListNamespacesAsync(cancellationToken).ConfigureAwait(false), exception);
            IReadOnlyList<string>? names;
            try
            {
                names = await cluster.ListWorkloadNamesAsync(workload.Kind, ns, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException)
            {
                names = null;
            }
            throw new WorkloadNotFoundException(workload, ns, cluster.Connection.ContextName, namespaceMissing: false, names, exception);
        }
    }

    /// <summary>kubectl's <c>set image</c> patch plus the change-cause <c>--record</c> wrote, in one request: one revision, one history line.</summary>
    internal static string ImagePatch(ImageChange change, string changeCause) => new JsonObject
    {
        ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ChangeCause.Annotation] = changeCause } },
        ["spec"] = new JsonObject
        {
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    [change.Container.IsInit ? "initContainers" : "containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = change.Container.Name,
                        ["image"] = change.Target.ToString(),
                    }),
                },
            },
        },
    }.ToJsonString();

    private static bool Runs(V1Pod pod, PodTemplateContainer container, string image) =>
        (container.IsInit ? pod.Spec?.InitContainers : pod.Spec?.Containers)?.Any(c => c.Name == container.Name && c.Image == image) == true;

    private async Task<string> ExplainAsync(RolloutEnd end, PodTemplateContainer container, string failedImage, CancellationToken cancellationToken)
    {
        var diagnosis = end.Failure!;
        IReadOnlyList<string> logs = [];
        if (diagnosis.WantsLogs && settings.LogLines > 0)
        {
            try
            {
                logs = await cluster.ReadLogTailAsync(ns, diagnosis.PodName!, diagnosis.ContainerName!, settings.LogLines,
                    previous: diagnosis.Kind == RolloutFailureKind.CrashLoop, cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException exception)
            {
                _logger.LogDebug("The log of {Pod} could not be read: {Reason}", diagnosis.PodName, exception.Message);
            }
        }

        string? pool = null, account = null;
        if (diagnosis is { Kind: RolloutFailureKind.ImagePull, PullProblem: ImagePullProblem.PermissionDenied })
        {
            if (diagnosis.NodeName is { } node && await cluster.TryReadNodeLabelsAsync(node, cancellationToken).ConfigureAwait(false) is { } labels)
                labels.TryGetValue("cloud.google.com/gke-nodepool", out pool);
            account = await nodeAccounts.FindAsync(cluster.Connection, pool, cancellationToken).ConfigureAwait(false);
        }

        PlatformFacts? platforms = null;
        var execFormatError = diagnosis.Kind == RolloutFailureKind.CrashLoop && logs.Any(line => line.Contains("exec format error", StringComparison.Ordinal));
        if ((diagnosis is { Kind: RolloutFailureKind.ImagePull, PullProblem: ImagePullProblem.PlatformMismatch } || execFormatError)
            && ImageReference.TryParse(diagnosis.Image ?? failedImage, out var pulled))
            platforms = await ImagePlatformReader.ReadAsync(pulled, cluster, context, cancellationToken).ConfigureAwait(false);

        return FailureExplanation.Describe(new FailureFacts
        {
            Workload = end.Workload.Reference,
            Namespace = ns,
            Image = failedImage,
            Diagnosis = diagnosis,
            LogLines = logs,
            NodePool = pool,
            NodeServiceAccount = account,
            Platforms = platforms,
            Cluster = cluster.Connection.GkeCluster,
            LastState = end.State,
            Timeout = settings.RolloutTimeout,
            ProgressDeadlineSeconds = end.Workload.ProgressDeadlineSeconds,
        });
    }

    private async Task<WorkloadRolloutResult> RollBackAsync(
        WorkloadRolloutResult failed, WorkloadObject workload, PodTemplateContainer container, long started, CancellationToken cancellationToken)
    {
        var label = workload.Reference.ToString();
        string Failed(string why) => $"{failed.Failure}{Environment.NewLine}RollbackOnFailure could not restore the previous revision: {why}";
        if (workload.Status.Paused)
            return Finish(failed with { Outcome = RolloutOutcome.RollbackFailed, Failure = Failed($"the deployment is paused; resume it with `kubectl rollout resume -n {ns} {label}`.") }, workload, started);

        // The workload as it is now: its latest revision is the failed one.
        var current = await cluster.ReadWorkloadAsync(workload.Reference, ns, cancellationToken).ConfigureAwait(false);
        var previous = current.Reference.Kind == WorkloadKind.Deployment
            ? await PreviousReplicaSetAsync(current, cancellationToken).ConfigureAwait(false)
            : await PreviousControllerRevisionAsync(current, cancellationToken).ConfigureAwait(false);
        if (previous is null)
            return Finish(failed with { Outcome = RolloutOutcome.RollbackFailed, Failure = Failed($"{current.Reference} has no earlier revision to go back to.") }, current, started);

        var restoredImage = (container.IsInit ? previous.Template.Spec?.InitContainers : previous.Template.Spec?.Containers)
            ?.FirstOrDefault(c => c.Name == container.Name)?.Image ?? "(unknown)";
        _logger.LogWarning("{Workload}: rolling back to revision {Revision} ({Image})", label, previous.Revision, restoredImage);
        var restored = await cluster.PatchWorkloadAsync(current.Reference, ns, previous.Patch, previous.PatchType, cancellationToken).ConfigureAwait(false);
        if (current.Reference.Kind == WorkloadKind.StatefulSet)
            await DeleteStuckPodsAsync(restored, container, failed.Image.ToString(), cancellationToken).ConfigureAwait(false);

        var end = await _watch.WaitAsync(restored, pod => Runs(pod, container, restoredImage), settings.RolloutTimeout, awaitFreshPullErrors: false, cancellationToken).ConfigureAwait(false);
        if (end.Failure is not null)
        {
            var why = await ExplainAsync(end, container, restoredImage, cancellationToken).ConfigureAwait(false);
            return Finish(failed with { Outcome = RolloutOutcome.RollbackFailed, RestoredImage = restoredImage, Failure = Failed(why) }, end.Workload, started);
        }
        _logger.LogWarning("{Workload}: rolled back to {Image}, healthy again", label, restoredImage);
        var revision = end.Workload.Status.Revision is { } now ? $"now revision {now}" : $"revision {previous.Revision} of its history";
        return Finish(failed with
        {
            Outcome = RolloutOutcome.RolledBack,
            RestoredImage = restoredImage,
            Failure = $"{failed.Failure}{Environment.NewLine}RollbackOnFailure restored the previous revision of {label} ({restoredImage}, {revision}); " +
                      $"{end.Workload.Status.AvailableReplicas}/{end.Workload.Status.DesiredReplicas} replicas are available again.",
        }, end.Workload, started);
    }

    /// <summary>What <c>kubectl rollout undo</c> restores for a deployment: the replica set of the revision before the current one.</summary>
    private async Task<PreviousRevision?> PreviousReplicaSetAsync(WorkloadObject current, CancellationToken cancellationToken)
    {
        var sets = await cluster.ListReplicaSetsAsync(ns, LabelSelectors.ToQuery(current.Selector), cancellationToken).ConfigureAwait(false);
        return DeploymentUndo.FindPrevious(current, sets.Items) is { } previous
            ? new PreviousRevision($"{DeploymentUndo.Revision(previous)}", previous.Spec.Template, DeploymentUndo.Patch(current, previous), V1Patch.PatchType.JsonPatch)
            : null;
    }

    /// <summary>What <c>kubectl rollout undo</c> restores for a stateful set or daemon set: the controller revision before the latest.</summary>
    private async Task<PreviousRevision?> PreviousControllerRevisionAsync(WorkloadObject current, CancellationToken cancellationToken)
    {
        var revisions = await cluster.ListControllerRevisionsAsync(ns, LabelSelectors.ToQuery(current.Selector), cancellationToken).ConfigureAwait(false);
        return ControllerRevisionUndo.FindPrevious(current, revisions.Items) is { } previous
            ? new PreviousRevision($"{previous.Revision}", ControllerRevisionData.Template(previous), ControllerRevisionData.Patch(previous), V1Patch.PatchType.StrategicMergePatch)
            : null;
    }

    /// <summary>
    /// A stateful set whose pods are created in order waits for a broken pod to become ready before it replaces anything, so
    /// Kubernetes asks, after the template is reverted, to delete the pods that tried the bad one (its "forced rollback").
    /// </summary>
    private async Task DeleteStuckPodsAsync(WorkloadObject set, PodTemplateContainer container, string failedImage, CancellationToken cancellationToken)
    {
        var pods = await cluster.ListPodsAsync(ns, LabelSelectors.ToQuery(set.Selector), cancellationToken).ConfigureAwait(false);
        foreach (var pod in pods.Items.Where(pod => pod.Metadata.DeletionTimestamp is null && Runs(pod, container, failedImage) && !IsReady(pod)
                                                   && pod.Metadata.OwnerReferences?.Any(owner => owner.Controller == true && owner.Uid == set.Uid) == true))
        {
            _logger.LogWarning("{Workload}: deleting pod {Pod}, which runs the failed revision and is not ready (a stateful set waits for it otherwise)", set.Reference, pod.Metadata.Name);
            await cluster.DeletePodAsync(ns, pod.Metadata.Name, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsReady(V1Pod pod) => pod.Status?.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) == true;

    private sealed record PreviousRevision(string Revision, V1PodTemplateSpec Template, string Patch, V1Patch.PatchType PatchType);

    private WorkloadRolloutResult Finish(WorkloadRolloutResult result, WorkloadObject workload, long started) => result with
    {
        Revision = workload.Status.Revision,
        AvailableReplicas = workload.Status.AvailableReplicas,
        DesiredReplicas = workload.Status.DesiredReplicas,
        Duration = context.Time.GetElapsedTime(started),
    };

    internal sealed record Prepared(WorkloadObject Workload, ImageChange Change);
}
