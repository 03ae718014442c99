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

    /// <summary>
    /// What the summary table shows after the target, as NUKE keeps it: <c>Skipped</c> (why), <c>OnlyWhen</c> (the violated
    /// conditions), or the exception's type and first line when it failed.
    /// </summary>
    public Dictionary<string, string> SummaryInformation { get; } = new();

    public string? OnlyWhen
    {
        get => SummaryInformation.GetValueOrDefault(nameof(OnlyWhen));
        set => SummaryInformation[nameof(OnlyWhen)] = value!;
    }

    /// <summary>The summary table's note: every pair of <see cref="SummaryInformation"/>, as <c>Key: value, …</c>.</summary>
    public string? Note => SummaryInformation.Count > 0 ? string.Join(", ", SummaryInformation.Select(x => $"{x.Key}: {x.Value}")) : null;

    public override string ToString() => Name;
}
