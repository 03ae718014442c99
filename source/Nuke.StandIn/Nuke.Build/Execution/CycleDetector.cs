namespace Nuke.Common.Execution;

/// <summary>Finds a loop in the "runs after" links (DependsOn, After/Before, Triggers) and names every target in it.</summary>
internal static class CycleDetector
{
    private enum Mark { Visiting, Done }

    public static void AssertNoCycle(IReadOnlyList<ExecutableTarget> targets)
    {
        var marks = new Dictionary<ExecutableTarget, Mark>();
        var path = new List<ExecutableTarget>();

        void Visit(ExecutableTarget target)
        {
            marks[target] = Mark.Visiting;
            path.Add(target);

            foreach (var predecessor in target.Predecessors)
            {
                if (!marks.TryGetValue(predecessor, out var mark))
                {
                    Visit(predecessor);
                }
                else if (mark == Mark.Visiting)
                {
                    var loop = path.Skip(path.IndexOf(predecessor)).Append(predecessor).Select(x => x.Name);
                    throw new BuildFailure(
                        $"Circular dependency between targets: {string.Join(" -> ", loop)} (each must run after the next); " +
                        "remove one of the DependsOn, DependentFor, After, Before, Triggers or TriggeredBy links in that loop.");
                }
            }

            path.RemoveAt(path.Count - 1);
            marks[target] = Mark.Done;
        }

        foreach (var target in targets.Where(x => !marks.ContainsKey(x)))
            Visit(target);
    }
}
