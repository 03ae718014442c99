using ArtifactRegistry.Hints;
namespace ArtifactRegistry.Rollouts;

/// <summary>The container to change could not be found or chosen; the message lists the containers the pod template has.</summary>
public sealed class ContainerNotFoundException : Exception
{
    internal ContainerNotFoundException(WorkloadReference workload, IReadOnlyList<PodTemplateContainer> containers, string? requested, string what)
        : base($"{what}. Its containers: {Describe(containers)}. " +
               $"Name the one to change ({SettingNames.Container.With("NAME")}){Suggestion(containers)}.")
    {
        this.Naming([SettingNames.Container.With("NAME"), .. containers.Where(container => !container.IsInit).Take(1).Select(first => SettingNames.Container.With(first.Name))]);
        Workload = workload;
        Containers = containers;
        RequestedContainer = requested;
    }

    /// <summary>The workload whose pod template was searched.</summary>
    public WorkloadReference Workload { get; }

    /// <summary>The containers the pod template has.</summary>
    public IReadOnlyList<PodTemplateContainer> Containers { get; }

    /// <summary>The name asked for, or null when the default could not be chosen.</summary>
    public string? RequestedContainer { get; }

    private static string Describe(IReadOnlyList<PodTemplateContainer> containers) => containers.Count == 0
        ? "(none)"
        : string.Join(", ", containers.Select(container => $"{container.Name}{(container.IsInit ? " (init)" : "")} ({container.Image ?? "no image"})"));

    private static string Suggestion(IReadOnlyList<PodTemplateContainer> containers) =>
        containers.FirstOrDefault(container => !container.IsInit) is { } first ? $", e.g. {SettingNames.Container.With(first.Name)}" : "";

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);
}
