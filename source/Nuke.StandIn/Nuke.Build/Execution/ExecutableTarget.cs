using System.Reflection;

namespace Nuke.Common.Execution;

/// <summary>A target of one build instance: its definition, its resolved links to other targets, and how its run went.</summary>
internal sealed class ExecutableTarget
{
    public ExecutableTarget(string name, PropertyInfo member, Target factory, TargetDefinition definition, int declarationIndex)
    {
        Name = name;
        Member = member;
        Factory = factory;
        Definition = definition;
        DeclarationIndex = declarationIndex;
    }

    public string Name { get; }

    public PropertyInfo Member { get; }

    public Target Factory { get; }

    public TargetDefinition Definition { get; }

    public int DeclarationIndex { get; }

    public bool IsDefault { get; set; }

    public bool IsInvoked { get; set; }

    /// <summary>Must run, and run first: <c>DependsOn</c>, and the reverse of <c>DependentFor</c>.</summary>
    public List<ExecutableTarget> ExecutionDependencies { get; } = new();

    /// <summary>Run first if both run: <c>After</c>, and the reverse of <c>Before</c>.</summary>
    public List<ExecutableTarget> OrderDependencies { get; } = new();

    /// <summary>Triggered this target, so run first: <c>TriggeredBy</c>, and the reverse of <c>Triggers</c>.</summary>
    public List<ExecutableTarget> TriggerDependencies { get; } = new();

    /// <summary>Joins the run whenever this target does.</summary>
    public List<ExecutableTarget> Triggers { get; } = new();

    /// <summary>Every target that has to come before this one when both run.</summary>
    public IEnumerable<ExecutableTarget> Predecessors
        => ExecutionDependencies.Concat(OrderDependencies).Concat(TriggerDependencies).Distinct();

    public ExecutionStatus Status { get; set; } = ExecutionStatus.Scheduled;

    public TimeSpan Duration { get; set; }

    /// <summary>Why it was skipped, or the first line of why it failed.</summary>
    public string? Note { get; set; }

    public override string ToString() => Name;
}
