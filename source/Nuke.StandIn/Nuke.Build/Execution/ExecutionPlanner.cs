using Nuke.Common.Parameters;

namespace Nuke.Common.Execution;

/// <summary>
/// Decides which targets run and in which order: the invoked targets (or the defaults), their DependsOn/DependentFor
/// dependencies and whatever they trigger; ordered so that every target comes after its dependencies, its After targets
/// and the targets that triggered it — also through targets that do not run themselves.
/// </summary>
internal static class ExecutionPlanner
{
    public static IReadOnlyList<ExecutableTarget> Plan(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<string> invokedNames)
    {
        CycleDetector.AssertNoCycle(targets);

        var invoked = invokedNames.Count > 0
            ? invokedNames.Select(x => FindByName(x, targets)).ToList()
            : targets.Where(x => x.IsDefault).ToList();
        foreach (var target in invoked)
            target.IsInvoked = true;

        var scheduled = Closure(invoked);
        var order = new List<ExecutableTarget>();
        var visited = new HashSet<ExecutableTarget>();

        void Visit(ExecutableTarget target)
        {
            if (!visited.Add(target))
                return;

            foreach (var predecessor in target.Predecessors.OrderBy(x => x.DeclarationIndex))
                Visit(predecessor);

            if (scheduled.Contains(target))
                order.Add(target);
        }

        foreach (var target in invoked.Concat(scheduled.OrderBy(x => x.DeclarationIndex)))
            Visit(target);

        return order;
    }

    private static HashSet<ExecutableTarget> Closure(IEnumerable<ExecutableTarget> invoked)
    {
        var scheduled = new HashSet<ExecutableTarget>();
        var pending = new Stack<ExecutableTarget>(invoked);
        while (pending.Count > 0)
        {
            var target = pending.Pop();
            if (!scheduled.Add(target))
                continue;

            foreach (var next in target.ExecutionDependencies.Concat(target.Triggers))
                pending.Push(next);
        }

        return scheduled;
    }

    /// <summary>The target a name given on the command line means (case and dashes ignored); otherwise a failure listing the targets.</summary>
    /// <param name="givenWith">Where the name was given when not as a target to run, e.g. <c>--skip</c>.</param>
    public static ExecutableTarget FindByName(string name, IReadOnlyList<ExecutableTarget> targets, string? givenWith = null)
    {
        var match = targets.FirstOrDefault(x => ParameterNames.Normalize(x.Name) == ParameterNames.Normalize(name));
        if (match != null)
            return match;

        var names = targets.Select(x => x.Name).OrderBy(x => x, StringComparer.OrdinalIgnoreCase).ToList();
        var suggestion = NameSuggester.Suggest(name, names);
        var hint = suggestion != null ? $"; did you mean '{suggestion}'?" : ".";
        var given = givenWith != null ? $" given with {givenWith}" : string.Empty;
        throw new BuildFailure($"Target '{name}'{given} does not exist{hint} Available targets: {string.Join(", ", names)}.");
    }
}
