using System.Text.RegularExpressions;
using ArtifactRegistry.Sandbox.Cluster.Controllers;
using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>
/// What the API server fills in and refuses before storing an object: the defaults of apps/v1 and core/v1 (only where a field
/// is empty, so a deployment keeps <c>imagePullPolicy: IfNotPresent</c> when its image later becomes <c>:latest</c>, as on a
/// real cluster), and the validation errors a client can run into, answered as 422 Invalid.
/// </summary>
internal static partial class ObjectDefaults
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    public static void Apply(IKubernetesObject<V1ObjectMeta> model)
    {
        switch (model)
        {
            case V1Deployment d:
                d.Spec ??= new V1DeploymentSpec();
                d.Spec.Replicas ??= 1;
                d.Spec.RevisionHistoryLimit ??= 10;
                d.Spec.ProgressDeadlineSeconds ??= 600;
                d.Spec.Strategy ??= new V1DeploymentStrategy();
                d.Spec.Strategy.Type ??= "RollingUpdate";
                if (d.Spec.Strategy.Type == "RollingUpdate")
                {
                    d.Spec.Strategy.RollingUpdate ??= new V1RollingUpdateDeployment();
                    d.Spec.Strategy.RollingUpdate.MaxSurge ??= "25%";
                    d.Spec.Strategy.RollingUpdate.MaxUnavailable ??= "25%";
                }

                ApplyPodSpec(d.Spec.Template?.Spec);
                break;
            case V1StatefulSet t:
                t.Spec ??= new V1StatefulSetSpec();
                t.Spec.Replicas ??= 1;
                t.Spec.RevisionHistoryLimit ??= 10;
                t.Spec.PodManagementPolicy ??= "OrderedReady";
                t.Spec.MinReadySeconds ??= 0;
                t.Spec.UpdateStrategy ??= new V1StatefulSetUpdateStrategy();
                t.Spec.UpdateStrategy.Type ??= "RollingUpdate";
                if (t.Spec.UpdateStrategy.Type == "RollingUpdate")
                {
                    t.Spec.UpdateStrategy.RollingUpdate ??= new V1RollingUpdateStatefulSetStrategy();
                    t.Spec.UpdateStrategy.RollingUpdate.Partition ??= 0;
                    t.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable ??= 1;
                }

                t.Spec.PersistentVolumeClaimRetentionPolicy ??= new V1StatefulSetPersistentVolumeClaimRetentionPolicy { WhenDeleted = "Retain", WhenScaled = "Retain" };
                ApplyPodSpec(t.Spec.Template?.Spec);
                break;
            case V1DaemonSet a:
                a.Spec ??= new V1DaemonSetSpec();
                a.Spec.RevisionHistoryLimit ??= 10;
                a.Spec.MinReadySeconds ??= 0;
                a.Spec.UpdateStrategy ??= new V1DaemonSetUpdateStrategy();
                a.Spec.UpdateStrategy.Type ??= "RollingUpdate";
                if (a.Spec.UpdateStrategy.Type == "RollingUpdate")
                {
                    a.Spec.UpdateStrategy.RollingUpdate ??= new V1RollingUpdateDaemonSet();
                    a.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable ??= 1;
                    a.Spec.UpdateStrategy.RollingUpdate.MaxSurge ??= 0;
                }

                ApplyPodSpec(a.Spec.Template?.Spec);
                break;
            case V1ReplicaSet r:
                r.Spec ??= new V1ReplicaSetSpec();
                r.Spec.Replicas ??= 1;
                ApplyPodSpec(r.Spec.Template?.Spec);
                break;
            case V1Pod p:
                ApplyPodSpec(p.Spec);
                p.Status ??= new V1PodStatus { Phase = "Pending", QosClass = "BestEffort" };
                break;
            case V1Namespace n:
                n.Metadata.Labels ??= new Dictionary<string, string>();
                n.Metadata.Labels["kubernetes.io/metadata.name"] = n.Metadata.Name;
                n.Spec ??= new V1NamespaceSpec { Finalizers = ["kubernetes"] };
                n.Status ??= new V1NamespaceStatus { Phase = "Active" };
                break;
        }
    }

    /// <exception cref="KubeStatus">422 Invalid, listing what is wrong the way the API server does.</exception>
    public static void Validate(ResourceType type, IKubernetesObject<V1ObjectMeta> model)
    {
        var errors = new List<string>();
        var name = model.Metadata?.Name ?? "";
        if (name.Length == 0)
            errors.Add("metadata.name: Required value: name or generateName is required");
        else if (name.Length > 253 || !Subdomain().IsMatch(name))
            errors.Add($"metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        switch (model)
        {
            case V1Deployment d:
                if (d.Spec?.Selector is null || (d.Spec.Selector.MatchLabels?.Count ?? 0) + (d.Spec.Selector.MatchExpressions?.Count ?? 0) == 0)
                    errors.Add("spec.selector: Required value");
                else if (!LabelSelector.From(d.Spec.Selector).Matches(d.Spec.Template?.Metadata?.Labels))
                    errors.Add($"spec.template.metadata.labels: Invalid value: {GoMap(d.Spec.Template?.Metadata?.Labels)}: `selector` does not match template `labels`");
                if (d.Spec?.Replicas < 0)
                    errors.Add($"spec.replicas: Invalid value: {d.Spec.Replicas}: must be greater than or equal to 0");
                if (d.Spec?.Strategy?.Type is { } strategy && strategy is not ("RollingUpdate" or "Recreate"))
                    errors.Add($"spec.strategy.type: Unsupported value: \"{strategy}\": supported values: \"Recreate\", \"RollingUpdate\"");
                ValidatePodSpec(d.Spec?.Template?.Spec, "spec.template.spec", errors);
                break;
            case V1StatefulSet t:
                ValidateWorkload(t.Spec?.Selector, t.Spec?.Template, t.Spec?.Replicas, errors);
                if (t.Spec?.UpdateStrategy?.Type is { } setStrategy && setStrategy is not ("RollingUpdate" or "OnDelete"))
                    errors.Add($"spec.updateStrategy.type: Unsupported value: \"{setStrategy}\": supported values: \"OnDelete\", \"RollingUpdate\"");
                if (t.Spec?.PodManagementPolicy is { } policy && policy is not ("OrderedReady" or "Parallel"))
                    errors.Add($"spec.podManagementPolicy: Unsupported value: \"{policy}\": supported values: \"OrderedReady\", \"Parallel\"");
                if (t.Spec?.UpdateStrategy?.RollingUpdate?.Partition < 0)
                    errors.Add($"spec.updateStrategy.rollingUpdate.partition: Invalid value: {t.Spec.UpdateStrategy.RollingUpdate.Partition}: must be greater than or equal to 0");
                break;
            case V1DaemonSet a:
                ValidateWorkload(a.Spec?.Selector, a.Spec?.Template, null, errors);
                if (a.Spec?.UpdateStrategy?.Type is { } daemonStrategy && daemonStrategy is not ("RollingUpdate" or "OnDelete"))
                    errors.Add($"spec.updateStrategy.type: Unsupported value: \"{daemonStrategy}\": supported values: \"OnDelete\", \"RollingUpdate\"");
                break;
            case V1Pod p:
                ValidatePodSpec(p.Spec, "spec", errors);
                break;
        }

        if (errors.Count > 0)
            throw KubeStatus.Invalid(type, name, errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]");
    }

    private static void ValidateWorkload(V1LabelSelector? selector, V1PodTemplateSpec? template, int? replicas, List<string> errors)
    {
        if (selector is null || (selector.MatchLabels?.Count ?? 0) + (selector.MatchExpressions?.Count ?? 0) == 0)
            errors.Add("spec.selector: Required value");
        else if (!LabelSelector.From(selector).Matches(template?.Metadata?.Labels))
            errors.Add($"spec.template.metadata.labels: Invalid value: {GoMap(template?.Metadata?.Labels)}: `selector` does not match template `labels`");
        if (replicas < 0)
            errors.Add($"spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0");
        ValidatePodSpec(template?.Spec, "spec.template.spec", errors);
    }

    private static void ApplyPodSpec(V1PodSpec? spec)
    {
        if (spec is null)
            return;
        spec.RestartPolicy ??= "Always";
        spec.TerminationGracePeriodSeconds ??= 30;
        spec.DnsPolicy ??= "ClusterFirst";
        spec.SchedulerName ??= "default-scheduler";
        spec.SecurityContext ??= new V1PodSecurityContext();
        foreach (var container in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
        {
            container.TerminationMessagePath ??= "/dev/termination-log";
            container.TerminationMessagePolicy ??= "File";
            container.Resources ??= new V1ResourceRequirements();
            container.ImagePullPolicy ??= ImageReference.TryParse(container.Image) is { Digest: null, Tag: "latest" } ? "Always" : "IfNotPresent";
        }
    }

    private static void ValidatePodSpec(V1PodSpec? spec, string path, List<string> errors)
    {
        var containers = spec?.Containers ?? [];
        if (containers.Count == 0)
            errors.Add($"{path}.containers: Required value");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var c = containers[i];
            if (string.IsNullOrEmpty(c.Name))
                errors.Add($"{path}.containers[{i}].name: Required value");
            else if (!Label().IsMatch(c.Name) || c.Name.Length > 63)
                errors.Add($"{path}.containers[{i}].name: Invalid value: \"{c.Name}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");
            else if (!seen.Add(c.Name))
                errors.Add($"{path}.containers[{i}].name: Duplicate value: \"{c.Name}\"");
            if (string.IsNullOrWhiteSpace(c.Image))
                errors.Add($"{path}.containers[{i}].image: Required value");
            if (c.ImagePullPolicy is { } policy && policy is not ("Always" or "IfNotPresent" or "Never"))
                errors.Add($"{path}.containers[{i}].imagePullPolicy: Unsupported value: \"{policy}\": supported values: \"Always\", \"IfNotPresent\", \"Never\"");
        }
    }

    private static string GoMap(IDictionary<string, string>? labels) =>
        "map[string]string{" + string.Join(", ", (labels ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"\"{l.Key}\":\"{l.Value}\"")) + "}";
}
