using System.Text.Json;
using ArtifactRegistry.Sandbox.Cluster.Store;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster.Api;

/// <summary>
/// Server-side printing: the <c>Table</c> (meta.k8s.io/v1) that <c>kubectl get</c> asks for with
/// <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>, with the columns the API server prints for each type.
/// </summary>
internal static class TableView
{
    private sealed record Column(string Name, string Type, string Description, int Priority = 0, string Format = "");

    public static bool IsRequested(string? accept) => accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    public static void Write(Utf8JsonWriter w, ResourceType type, IReadOnlyList<StoredObject> items, long resourceVersion, string? includeObject, DateTime now)
    {
        var columns = Columns(type);
        w.WriteStartObject();
        w.WriteString("kind", "Table");
        w.WriteString("apiVersion", "meta.k8s.io/v1");
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteEndObject();
        w.WriteStartArray("columnDefinitions");
        foreach (var column in columns)
        {
            w.WriteStartObject();
            w.WriteString("name", column.Name);
            w.WriteString("type", column.Type);
            w.WriteString("format", column.Format);
            w.WriteString("description", column.Description);
            w.WriteNumber("priority", column.Priority);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("rows");
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteStartArray("cells");
            foreach (var cell in Cells(item.Model, now))
            {
                switch (cell)
                {
                    case int number:
                        w.WriteNumberValue(number);
                        break;
                    case long number:
                        w.WriteNumberValue(number);
                        break;
                    default:
                        w.WriteStringValue(cell?.ToString() ?? "");
                        break;
                }
            }

            w.WriteEndArray();
            if (includeObject != "None")
            {
                w.WritePropertyName("object");
                if (includeObject == "Object")
                {
                    w.WriteRawValue(item.Json, skipInputValidation: true);
                }
                else
                {
                    w.WriteStartObject();
                    w.WriteString("kind", "PartialObjectMetadata");
                    w.WriteString("apiVersion", "meta.k8s.io/v1");
                    w.WritePropertyName("metadata");
                    w.WriteRawValue(KubernetesJson.Serialize(item.Model.Metadata), skipInputValidation: true);
                    w.WriteEndObject();
                }
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static Column[] Columns(ResourceType type)
    {
        var name = new Column("Name", "string", "Name must be unique within a namespace.", 0, "name");
        var age = new Column("Age", "string", "CreationTimestamp is a timestamp representing the server time when this object was created.");
        return type.Kind switch
        {
            "Deployment" =>
            [
                name, new("Ready", "string", "Number of the pod with ready state"), new("Up-to-date", "integer", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
                new("Available", "integer", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."), age,
                new("Containers", "string", "Names of each container in the template.", 1), new("Images", "string", "Images referenced by each container in the template.", 1),
                new("Selector", "string", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", 1),
            ],
            "ReplicaSet" =>
            [
                name, new("Desired", "integer", "Replicas is the number of desired replicas."), new("Current", "integer", "Replicas is the most recently observed number of replicas."),
                new("Ready", "integer", "The number of ready replicas for this replica set."), age,
                new("Containers", "string", "Names of each container in the template.", 1), new("Images", "string", "Images referenced by each container in the template.", 1),
                new("Selector", "string", "Selector is a label query over pods that should match the replica count.", 1),
            ],
            "Pod" =>
            [
                name, new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."), new("Status", "string", "The aggregate status of the containers in this pod."),
                new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."), age,
                new("IP", "string", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
                new("Node", "string", "NodeName is a request to schedule this pod onto a specific node.", 1),
                new("Nominated Node", "string", "nominatedNodeName is set only when this pod preempts other pods on the node.", 1),
                new("Readiness Gates", "string", "If specified, all readiness gates will be evaluated for pod readiness.", 1),
            ],
            "Event" =>
            [
                new("Last Seen", "string", "The time at which the most recent occurrence of this event was recorded."), new("Type", "string", "Type of this event (Normal, Warning), new types could be added in the future."),
                new("Reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
                new("Object", "string", "The object that this event is about."), new("Subobject", "string", "The subobject this event is about.", 1),
                new("Source", "string", "The component reporting this event.", 1), new("Message", "string", "A human-readable description of the status of this operation."),
                new("First Seen", "string", "The time at which the event was first recorded.", 1), new("Count", "string", "The number of times this event has occurred.", 1),
                new("Name", "string", "Name must be unique within a namespace.", 1, "name"),
            ],
            "StatefulSet" =>
            [
                name, new("Ready", "string", "Number of the pod with ready state"), age,
                new("Containers", "string", "Names of each container in the template.", 1), new("Images", "string", "Images referenced by each container in the template.", 1),
            ],
            "DaemonSet" =>
            [
                name, new("Desired", "integer", "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod)."),
                new("Current", "integer", "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
                new("Ready", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
                new("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
                new("Available", "integer", "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
                new("Node Selector", "string", "NodeSelector is a selector which must be true for the pod to fit on a node."), age,
                new("Containers", "string", "Names of each container in the template.", 1), new("Images", "string", "Images referenced by each container in the template.", 1),
                new("Selector", "string", "A label query over pods that are managed by the daemon set.", 1),
            ],
            "ControllerRevision" =>
            [
                name, new("Controller", "string", "Controller of the object"), new("Revision", "string", "Revision indicates the revision of the state represented by Data."), age,
            ],
            "Namespace" => [name, new("Status", "string", "The status of the namespace"), age],
            "Node" =>
            [
                name, new("Status", "string", "The status of the node"), new("Roles", "string", "The roles of the node"), age,
                new("Version", "string", "Kubelet Version reported by the node."), new("Internal-IP", "string", "List of internal IPs for the node.", 1),
                new("External-IP", "string", "List of external IPs for the node.", 1), new("OS-Image", "string", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
                new("Kernel-Version", "string", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
                new("Container-Runtime", "string", "Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1),
            ],
            _ => [name, age],
        };
    }

    private static object?[] Cells(IKubernetesObject<V1ObjectMeta> model, DateTime now)
    {
        var age = HumanDuration.Since(model.Metadata.CreationTimestamp, now);
        switch (model)
        {
            case V1Deployment d:
                var containers = d.Spec?.Template?.Spec?.Containers ?? [];
                return
                [
                    d.Metadata.Name, $"{d.Status?.ReadyReplicas ?? 0}/{d.Spec?.Replicas ?? 1}", d.Status?.UpdatedReplicas ?? 0, d.Status?.AvailableReplicas ?? 0, age,
                    string.Join(",", containers.Select(c => c.Name)), string.Join(",", containers.Select(c => c.Image)), LabelSelector.Format(d.Spec?.Selector),
                ];
            case V1ReplicaSet r:
                var rsContainers = r.Spec?.Template?.Spec?.Containers ?? [];
                return
                [
                    r.Metadata.Name, r.Spec?.Replicas ?? 1, r.Status?.Replicas ?? 0, r.Status?.ReadyReplicas ?? 0, age,
                    string.Join(",", rsContainers.Select(c => c.Name)), string.Join(",", rsContainers.Select(c => c.Image)), LabelSelector.Format(r.Spec?.Selector),
                ];
            case V1Pod p:
                var statuses = p.Status?.ContainerStatuses ?? [];
                return
                [
                    p.Metadata.Name, $"{statuses.Count(s => s.Ready)}/{p.Spec?.Containers?.Count ?? 0}", PodStatusText(p), Restarts(p, now), age,
                    p.Status?.PodIP ?? "<none>", p.Spec?.NodeName ?? "<none>", "<none>", "<none>",
                ];
            case Corev1Event e:
                var last = e.LastTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp;
                var first = e.FirstTimestamp ?? e.EventTime ?? e.Metadata.CreationTimestamp;
                var involved = e.InvolvedObject;
                return
                [
                    HumanDuration.Since(last, now), e.Type, e.Reason, $"{involved?.Kind?.ToLowerInvariant()}/{involved?.Name}", involved?.FieldPath ?? "",
                    e.Source is { } s ? (s.Host is null ? s.Component : $"{s.Component}, {s.Host}") : e.ReportingComponent, e.Message,
                    HumanDuration.Since(first, now), (e.Count ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Metadata.Name,
                ];
            case V1StatefulSet t:
                var setContainers = t.Spec?.Template?.Spec?.Containers ?? [];
                return
                [
                    t.Metadata.Name, $"{t.Status?.ReadyReplicas ?? 0}/{t.Spec?.Replicas ?? 1}", age,
                    string.Join(",", setContainers.Select(c => c.Name)), string.Join(",", setContainers.Select(c => c.Image)),
                ];
            case V1DaemonSet a:
                var daemonContainers = a.Spec?.Template?.Spec?.Containers ?? [];
                var nodeSelector = a.Spec?.Template?.Spec?.NodeSelector is { Count: > 0 } selector ? string.Join(",", selector.Select(l => $"{l.Key}={l.Value}")) : "<none>";
                return
                [
                    a.Metadata.Name, a.Status?.DesiredNumberScheduled ?? 0, a.Status?.CurrentNumberScheduled ?? 0, a.Status?.NumberReady ?? 0,
                    a.Status?.UpdatedNumberScheduled ?? 0, a.Status?.NumberAvailable ?? 0, nodeSelector, age,
                    string.Join(",", daemonContainers.Select(c => c.Name)), string.Join(",", daemonContainers.Select(c => c.Image)), LabelSelector.Format(a.Spec?.Selector),
                ];
            case V1ControllerRevision r:
                var controller = r.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);
                return [r.Metadata.Name, controller is null ? "<none>" : $"{controller.Kind.ToLowerInvariant()}.apps/{controller.Name}", r.Revision, age];
            case V1Namespace n:
                return [n.Metadata.Name, n.Status?.Phase ?? "Active", age];
            case V1Node node:
                var info = node.Status?.NodeInfo;
                string Address(string type) => node.Status?.Addresses?.FirstOrDefault(a => a.Type == type)?.Address ?? "<none>";
                return
                [
                    node.Metadata.Name, node.Status?.Conditions?.Any(c => c is { Type: "Ready", Status: "True" }) == true ? "Ready" : "NotReady", "<none>", age,
                    info?.KubeletVersion ?? "", Address("InternalIP"), Address("ExternalIP"), info?.OsImage ?? "<unknown>", info?.KernelVersion ?? "<unknown>",
                    info?.ContainerRuntimeVersion ?? "<unknown>",
                ];
            default:
                return [model.Metadata.Name, age];
        }
    }

    /// <summary>The STATUS column: the reason of the most telling container state, Terminating while being deleted.</summary>
    public static string PodStatusText(V1Pod pod)
    {
        var reason = pod.Status?.Reason ?? pod.Status?.Phase ?? "Pending";
        var running = false;
        foreach (var status in (pod.Status?.ContainerStatuses ?? []).Reverse())
        {
            if (status.State?.Waiting?.Reason is { Length: > 0 } waiting)
                reason = waiting;
            else if (status.State?.Terminated is { } terminated)
                reason = terminated.Reason ?? $"ExitCode:{terminated.ExitCode}";
            else if (status.State?.Running is not null && status.Ready)
                running = true;
        }

        if (reason == "Completed" && running)
            reason = "Running";
        if (pod.Metadata.DeletionTimestamp is not null)
            reason = "Terminating";
        return reason;
    }

    private static string Restarts(V1Pod pod, DateTime now)
    {
        var statuses = pod.Status?.ContainerStatuses ?? [];
        var restarts = statuses.Sum(s => s.RestartCount);
        var last = statuses.Select(s => s.LastState?.Terminated?.FinishedAt).Where(t => t is not null).Max();
        return last is null || restarts == 0 ? restarts.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{restarts} ({HumanDuration.Since(last, now)} ago)";
    }
}
