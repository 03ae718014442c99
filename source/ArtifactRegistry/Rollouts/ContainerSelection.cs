namespace ArtifactRegistry.Rollouts;

/// <summary>
/// Which container of a pod template gets the new image: the one asked for by name; otherwise the container named like the
/// workload; otherwise the only container. Init containers are chosen only by name, as kubectl's <c>set image</c> does.
/// </summary>
public static class ContainerSelection
{
    /// <exception cref="ContainerNotFoundException">The named container does not exist, or no default could be chosen; the message lists the containers.</exception>
    public static PodTemplateContainer Select(WorkloadReference workload, IReadOnlyList<PodTemplateContainer> containers, string? requested)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(containers);
        if (!string.IsNullOrWhiteSpace(requested))
            return containers.FirstOrDefault(container => container.Name == requested)
                   ?? throw new ContainerNotFoundException(workload, containers, requested,
                       $"{workload} has no container named '{requested}'");

        var regular = containers.Where(container => !container.IsInit).ToList();
        if (regular.FirstOrDefault(container => container.Name == workload.Name) is { } named)
            return named;
        if (regular.Count == 1)
            return regular[0];
        throw new ContainerNotFoundException(workload, containers, null,
            $"{workload} has {regular.Count} containers and none is named '{workload.Name}', so SetImage cannot tell which one gets the image");
    }
}
