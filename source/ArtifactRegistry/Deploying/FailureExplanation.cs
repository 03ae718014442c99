using ArtifactRegistry.Hints;
using System.Text;
using System.Text.RegularExpressions;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Auth;
using ArtifactRegistry.References;
using ArtifactRegistry.Rollouts;

namespace ArtifactRegistry.Deploying;

/// <summary>Writes the one message a failed rollout ends in: what happened, why, and the exact command or setting that fixes it.</summary>
internal static partial class FailureExplanation
{
    public const string ReaderRole = "roles/artifactregistry.reader";

    /// <summary>The setting a timed-out rollout's message names.</summary>
    public static SettingName LongerTimeout { get; } = SettingNames.RolloutTimeout.With("20m");

    public static string Describe(FailureFacts facts)
    {
        var d = facts.Diagnosis;
        var subject = $"{facts.Workload} in namespace {facts.Namespace}";
        var pod = d.PodName is null ? "" : $"pod {d.PodName}";
        return d.Kind switch
        {
            RolloutFailureKind.ImagePull => $"{subject} cannot start: {pod} cannot pull {d.Image ?? facts.Image} ({d.Reason}): {Detail(d.Detail)}. {PullFix(facts)}",
            RolloutFailureKind.CrashLoop =>
                $"{subject} cannot start: container {d.ContainerName} of {pod} keeps crashing ({d.Reason}, {d.RestartCount} restart{(d.RestartCount == 1 ? "" : "s")}" +
                $"{Exit(d.LastTermination)}).{Logs(facts)} " +
                (PlatformMismatchExplanation.IsExecFormatError(facts) ? PlatformMismatchExplanation.ExecFormatFix(facts) + " " : "Fix the image or its configuration; ") +
                $"`kubectl logs -n {facts.Namespace} {d.PodName} -c {d.ContainerName} --previous` shows its whole log.",
            RolloutFailureKind.RunContainerError =>
                $"{subject} cannot start: container {d.ContainerName} of {pod} cannot be started ({d.Reason}): {Detail(d.Detail)}.{Logs(facts)} " +
                "Fix the container's command, entrypoint or mounts in the image or the pod template.",
            RolloutFailureKind.ContainerConfigError =>
                $"{subject} cannot start: container {d.ContainerName} of {pod} cannot be created ({d.Reason}): {Detail(d.Detail)}. " +
                $"Create the secret or config map it names in namespace {facts.Namespace} (or fix the reference in the pod template).",
            RolloutFailureKind.InvalidImage =>
                $"{subject} cannot start: container {d.ContainerName} of {pod} has an image the node refuses ({d.Reason}): {Detail(d.Detail)}.",
            RolloutFailureKind.Unschedulable =>
                $"{subject} cannot start: {pod} cannot be scheduled: {Detail(d.Detail)}. Lower the pod's resource requests, add nodes " +
                "(or let the node pool autoscale), or correct its node selector, affinity or tolerations.",
            RolloutFailureKind.ProgressDeadlineExceeded =>
                $"{subject} made no progress within its progressDeadlineSeconds ({facts.ProgressDeadlineSeconds ?? 600} s): {Detail(d.Detail)}" +
                $"{(facts.LastState is { } deadlineState ? $" ({deadlineState.Progress})" : "")}. " +
                $"`kubectl describe -n {facts.Namespace} {facts.Workload}` and the pods' events show what held it.",
            RolloutFailureKind.Stalled => $"{subject} cannot roll out: {Detail(d.Detail)}.",
            RolloutFailureKind.Timeout =>
                $"{subject} did not finish rolling out within {Format(facts.Timeout)}" +
                $"{(facts.LastState is { } state ? $" ({state.Progress}{(state.Waiting is null ? "" : $"; waiting for {state.Waiting}")})" : "")}. " +
                $"If it is only slow, give it longer ({LongerTimeout}); " +
                $"else `kubectl describe -n {facts.Namespace} {facts.Workload}` shows what holds it.",
            _ => $"{subject} failed: {d.Reason}: {Detail(d.Detail)}.",
        };
    }

    private static string PullFix(FailureFacts facts)
    {
        var d = facts.Diagnosis;
        var image = ImageReference.TryParse(d.Image ?? facts.Image, out var parsed) ? parsed : null;
        switch (d.PullProblem)
        {
            case ImagePullProblem.PermissionDenied when image is not null:
            {
                // GKE reports the Compute Engine default account as "default"; its email needs the project's number.
                var isDefault = facts.NodeServiceAccount == "default";
                var account = isDefault ? "PROJECT_NUMBER-compute@developer.gserviceaccount.com" : facts.NodeServiceAccount;
                var principal = account is null ? GooglePrincipal.Unknown("the node pool's service account") : GooglePrincipal.ServiceAccount(account);
                var grant = GcloudCommands.AddRepositoryIamBinding(image.RepositoryName, principal, ReaderRole).Replace($"--member={GcloudCommands.UnknownMember}", "--member=serviceAccount:NODE_SERVICE_ACCOUNT", StringComparison.Ordinal);
                var text = new StringBuilder(
                    $"GKE nodes pull images as their node pool's service account{(account is null ? "" : $", {account},")} which may not read repository {image.RepositoryName}. " +
                    $"Grant it {ReaderRole} on that repository (the GrantReader step does this): {grant}.");
                if (account is null)
                    text.Append($" NODE_SERVICE_ACCOUNT is the node pool's service account: {DescribePoolCommand(facts)} prints it " +
                                "(\"default\" there means the Compute Engine default account, PROJECT_NUMBER-compute@developer.gserviceaccount.com).");
                if (isDefault)
                    text.Append($" PROJECT_NUMBER is the cluster project's number: `gcloud projects describe {facts.Cluster?.ProjectId ?? "PROJECT-ID"} --format='value(projectNumber)'`.");
                if (account is not null && (isDefault || IsComputeDefault(account)))
                    text.Append($" Note: {account} is the Compute Engine default service account, which every VM of its project without an account of its own " +
                                "runs as, so this grant lets all of them pull from the repository; a dedicated node service account " +
                                "(roles/container.defaultNodeServiceAccount) keeps the grant to the cluster's nodes.");
                text.Append(" The nodes retry the pull by themselves, so the rollout goes on once the grant is in place (IAM takes up to a few minutes).");
                return text.ToString();
            }
            case ImagePullProblem.PlatformMismatch when image is not null:
                return PlatformMismatchExplanation.Fix(facts, image);
            case ImagePullProblem.NotFound when image is not null:
                return image.HasDigest
                    ? $"The registry has no image {image.Digest} in {image.Name}: it was deleted (a cleanup policy or a prune), pushed to another repository or project, " +
                      $"or the digest was mistyped. Check with `gcloud artifacts docker images describe {image.Name}@{image.Digest}`, then push it again (BuildAndPush) and deploy the new digest."
                    : $"The registry has no image {image}: check the name and tag with `gcloud artifacts docker images list {image.Name} --include-tags`.";
            default:
                return "The node could not pull the image; if the message names a network or TLS problem, check that the nodes can reach the registry " +
                       "(a private cluster needs Private Google Access for *-docker.pkg.dev).";
        }
    }

    private static string DescribePoolCommand(FailureFacts facts) => facts.Cluster is { } gke
        ? $"`gcloud container node-pools describe {facts.NodePool ?? "POOL"} --cluster={gke.Cluster} --location={gke.Location} --project={gke.ProjectId} --format='value(config.serviceAccount)'`"
        : $"`gcloud container node-pools describe {facts.NodePool ?? "POOL"} --cluster=CLUSTER --location=LOCATION --project=PROJECT-ID --format='value(config.serviceAccount)'`";

    internal static bool IsComputeDefault(string account) => ComputeDefault().IsMatch(account);

    private static string Exit(ContainerTermination? termination) => termination is null
        ? ""
        : $", last exit code {termination.ExitCode}{(string.IsNullOrEmpty(termination.Reason) ? "" : $" ({termination.Reason})")}";

    private static string Logs(FailureFacts facts) => facts.LogLines.Count == 0
        ? " It wrote no log lines."
        : $" Its last log lines:{Environment.NewLine}{string.Join(Environment.NewLine, facts.LogLines.Select(line => "    " + line))}{Environment.NewLine}";

    private static string Format(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 60 } => $"{duration.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s",
        { TotalMinutes: < 60, Seconds: 0 } => $"{(int)duration.TotalMinutes} min",
        { TotalMinutes: < 60 } => $"{(int)duration.TotalMinutes} min {duration.Seconds} s",
        _ => $"{(int)duration.TotalHours} h {duration.Minutes} min",
    };

    private static string Detail(string? detail) => string.IsNullOrWhiteSpace(detail) ? "(no message)" : detail.Trim().TrimEnd('.');

    [GeneratedRegex(@"^\d+-compute@developer\.gserviceaccount\.com$")]
    private static partial Regex ComputeDefault();
}
