using ArtifactRegistry.Hints;
using ArtifactRegistry.Context;
using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.References;
using ArtifactRegistry.Rollouts;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// Checks everything that can fail quickly (image, workloads, kubeconfig, context, each workload and its container) before it
/// patches anything, then rolls every workload out at once and waits for all of them. A <paramref name="checkedCluster"/> (Deploy's,
/// from its preflight) is used instead of loading the kubeconfig again, and left open.
/// </summary>
internal sealed class SetImageOperation(OperationContext context, SetImageSettings settings, INodeServiceAccounts nodeAccounts, KubeCluster? checkedCluster = null)
{
    private readonly ILogger _logger = context.Logger;

    public async Task<SetImageResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = context.Time.GetTimestamp();
        var requested = ImageResolver.Parse(settings.Image);
        var workloads = ParseWorkloads(settings.Workloads);
        var connection = checkedCluster?.Connection ?? KubeconfigLoader.Load(context.KubeconfigOptions());
        var ns = settings.Namespace ?? connection.Namespace ?? "default";

        var image = settings.ImageIsNextBuild ? requested : await ImageResolver.PinAsync(requested, context, cancellationToken).ConfigureAwait(false);
        using var ownCluster = checkedCluster is null ? new KubeCluster(connection, context.Logger, context.Time) : null;
        var cluster = checkedCluster ?? ownCluster!;
        var requestsBefore = cluster.RequestCount;
        _logger.LogInformation("SetImage{DryRun} {Image} on {Workloads} in namespace {Namespace} (kube context {Context})",
            settings.DryRun ? " dry run" : "", settings.ImageIsNextBuild ? $"{image}@<digest of the next build>" : image, string.Join(", ", workloads), ns, connection.ContextName);

        var rollout = new WorkloadRollout(cluster, context, settings, image, ns, nodeAccounts);
        var prepared = await Task.WhenAll(workloads.Select(workload => rollout.PrepareAsync(workload, cancellationToken))).ConfigureAwait(false);
        var results = await Task.WhenAll(prepared.Select(workload =>
            rollout.RunAsync(workload, ChangeCause.Describe(workload.Change, settings.Commit, CiRun.FromEnvironment(context.Variable)), cancellationToken))).ConfigureAwait(false);

        var result = new SetImageResult
        {
            KubeContext = connection.ContextName,
            DryRun = settings.DryRun,
            Workloads = results,
            ApiRequests = cluster.RequestCount - requestsBefore,
            Duration = context.Time.GetElapsedTime(started),
        };
        _logger.LogInformation("SetImage {Outcome}{NewLine}{Table}", settings.DryRun ? "dry run: nothing was changed" : result.Succeeded ? "done" : "FAILED", Environment.NewLine, result);
        return result.Succeeded ? result : throw new RolloutFailedException(result);
    }

    internal static IReadOnlyList<WorkloadReference> ParseWorkloads(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0)
            throw new SettingsException(
                $"SetImage was given no workload, so there is nothing to roll out: {SettingNames.Workloads.With("deployment/NAME")}.", SettingNames.Workloads.With("deployment/NAME"));
        var problems = new List<string>();
        var workloads = new List<WorkloadReference>();
        foreach (var text in texts)
        {
            if (WorkloadReference.TryParse(text, out var workload, out var problem))
                workloads.Add(workload);
            else
                problems.Add(problem);
        }
        if (problems.Count > 0)
        {
            var setting = SettingNames.Workloads.With("deployment/NAME");
            throw new SettingsException(
                $"SetImage was given {(problems.Count == 1 ? "a workload" : $"{problems.Count} workloads")} it cannot roll out.{Environment.NewLine}" +
                string.Join(Environment.NewLine, problems) + Environment.NewLine +
                $"Name each workload as kubectl does, KIND/NAME, with {setting}.", setting);
        }
        return workloads.Distinct().ToList();
    }
}
