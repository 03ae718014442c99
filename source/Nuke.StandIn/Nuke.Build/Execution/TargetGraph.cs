using System.Text.RegularExpressions;

namespace Nuke.Common.Execution;

/// <summary>Turns the references written in target definitions into links between <see cref="ExecutableTarget"/>s.</summary>
internal static partial class TargetGraph
{
    public static void Connect(IReadOnlyList<ExecutableTarget> targets, NukeBuild build)
    {
        foreach (var target in targets)
        {
            var definition = target.Definition;
            foreach (var other in Resolve(definition.DependsOnReferences, target, targets, build, "DependsOn"))
                AddOnce(target.ExecutionDependencies, other);
            foreach (var other in Resolve(definition.DependentForReferences, target, targets, build, "DependentFor"))
                AddOnce(other.ExecutionDependencies, target);
            foreach (var other in Resolve(definition.AfterReferences, target, targets, build, "After"))
                AddOnce(target.OrderDependencies, other);
            foreach (var other in Resolve(definition.BeforeReferences, target, targets, build, "Before"))
                AddOnce(other.OrderDependencies, target);
            foreach (var other in Resolve(definition.TriggersReferences, target, targets, build, "Triggers"))
            {
                AddOnce(target.Triggers, other);
                AddOnce(other.TriggerDependencies, target);
            }

            foreach (var other in Resolve(definition.TriggeredByReferences, target, targets, build, "TriggeredBy"))
            {
                AddOnce(other.Triggers, target);
                AddOnce(target.TriggerDependencies, other);
            }
        }
    }

    /// <summary>The target a delegate stands for: delegates of one property compare equal unless the lambda captured locals.</summary>
    public static ExecutableTarget? Find(Target target, IReadOnlyList<ExecutableTarget> targets)
    {
        var match = targets.FirstOrDefault(x => x.Factory.Equals(target));
        if (match != null)
            return match;

        // A lambda that captured locals gets a new closure per property read; its compiled name still says which getter made it.
        var getter = GetterName().Match(target.Method.Name);
        return getter.Success ? targets.FirstOrDefault(x => x.Name == getter.Groups["name"].Value) : null;
    }

    private static IEnumerable<ExecutableTarget> Resolve(
        List<TargetReference> references,
        ExecutableTarget owner,
        IReadOnlyList<ExecutableTarget> targets,
        NukeBuild build,
        string method)
    {
        foreach (var reference in references)
        {
            var selected = reference.Select(build);
            if (selected == null)
            {
                if (reference.IsOptional)
                    continue;

                var component = reference.ComponentType?.Name ?? "?";
                throw new BuildFailure(
                    $"Target '{owner.Name}' uses {method}<{component}>, but {build.GetType().Name} does not implement {component}: " +
                    $"add {component} to the build class's interfaces, or use Try{method}<{component}>.");
            }

            yield return Find(selected, targets)
                         ?? throw new BuildFailure(
                             $"Target '{owner.Name}' refers with {method} to a target that is not a Target property of {build.GetType().Name}.");
        }
    }

    private static void AddOnce(List<ExecutableTarget> list, ExecutableTarget target)
    {
        if (!list.Contains(target))
            list.Add(target);
    }

    [GeneratedRegex(@"<(?:.*\.)?get_(?<name>\w+)>")]
    private static partial Regex GetterName();
}
