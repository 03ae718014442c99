using System.Linq.Expressions;

namespace Nuke.Common.Execution;

/// <summary>Collects what a <see cref="Target"/> says about itself through <see cref="ITargetDefinition"/>.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public TargetDefinition(string name)
    {
        Name = name;
    }

    public string Name { get; }

    public string? DescriptionText { get; private set; }

    public List<Action> Actions { get; } = new();

    public List<TargetReference> DependsOnReferences { get; } = new();

    public List<TargetReference> DependentForReferences { get; } = new();

    public List<TargetReference> BeforeReferences { get; } = new();

    public List<TargetReference> AfterReferences { get; } = new();

    public List<TargetReference> TriggersReferences { get; } = new();

    public List<TargetReference> TriggeredByReferences { get; } = new();

    public List<TargetCondition> StaticConditions { get; } = new();

    public List<TargetCondition> DynamicConditions { get; } = new();

    /// <summary><c>Requires(() => Parameter)</c>: the value must not be <c>null</c>.</summary>
    public List<LambdaExpression> ValueRequirements { get; } = new();

    /// <summary><c>Requires(() => condition)</c>: the condition must hold.</summary>
    public List<Expression<Func<bool>>> ConditionRequirements { get; } = new();

    public DependencyBehavior DependencyBehavior { get; private set; } = DependencyBehavior.Execute;

    public bool IsAssuredAfterFailure { get; private set; }

    public bool IsProceedAfterFailure { get; private set; }

    public bool IsListed { get; private set; } = true;

    public ITargetDefinition Description(string description)
    {
        DescriptionText = description;
        return this;
    }

    public ITargetDefinition Executes(params Action[] actions)
    {
        Actions.AddRange(actions);
        return this;
    }

    public ITargetDefinition Executes<T>(Func<T> action)
    {
        Actions.Add(() =>
        {
            // A Func<Task>-shaped lambda can land here when T is inferred as a Task subtype; it still has to finish.
            if (action() is Task task)
                task.GetAwaiter().GetResult();
        });
        return this;
    }

    public ITargetDefinition Executes(Func<Task> action)
    {
        Actions.Add(() => action().GetAwaiter().GetResult());
        return this;
    }

    public ITargetDefinition DependsOn(params Target[] targets) => Add(DependsOnReferences, targets);

    public ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets) => Add(DependsOnReferences, targets, optional: false);

    public ITargetDefinition TryDependsOn<T>(params Func<T, Target>[] targets) => Add(DependsOnReferences, targets, optional: true);

    public ITargetDefinition DependentFor(params Target[] targets) => Add(DependentForReferences, targets);

    public ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets) => Add(DependentForReferences, targets, optional: false);

    public ITargetDefinition TryDependentFor<T>(params Func<T, Target>[] targets) => Add(DependentForReferences, targets, optional: true);

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string? conditionExpression = null)
    {
        DynamicConditions.Add(TargetCondition.From(condition, conditionExpression));
        return this;
    }

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string? conditionExpression = null)
    {
        StaticConditions.Add(TargetCondition.From(condition, conditionExpression));
        return this;
    }

    public ITargetDefinition Requires<T>(Expression<Func<T>> parameterRequirement, params Expression<Func<T>>[] parameterRequirements)
        where T : class?
    {
        ValueRequirements.Add(parameterRequirement);
        ValueRequirements.AddRange(parameterRequirements);
        return this;
    }

    public ITargetDefinition Requires<T>(Expression<Func<T?>> parameterRequirement, params Expression<Func<T?>>[] parameterRequirements)
        where T : struct
    {
        ValueRequirements.Add(parameterRequirement);
        ValueRequirements.AddRange(parameterRequirements);
        return this;
    }

    public ITargetDefinition Requires(Expression<Func<bool>> requirement, params Expression<Func<bool>>[] requirements)
    {
        ConditionRequirements.Add(requirement);
        ConditionRequirements.AddRange(requirements);
        return this;
    }

    public ITargetDefinition WhenSkipped(DependencyBehavior dependencyBehavior)
    {
        DependencyBehavior = dependencyBehavior;
        return this;
    }

    public ITargetDefinition Before(params Target[] targets) => Add(BeforeReferences, targets);

    public ITargetDefinition Before<T>(params Func<T, Target>[] targets) => Add(BeforeReferences, targets, optional: false);

    public ITargetDefinition TryBefore<T>(params Func<T, Target>[] targets) => Add(BeforeReferences, targets, optional: true);

    public ITargetDefinition After(params Target[] targets) => Add(AfterReferences, targets);

    public ITargetDefinition After<T>(params Func<T, Target>[] targets) => Add(AfterReferences, targets, optional: false);

    public ITargetDefinition TryAfter<T>(params Func<T, Target>[] targets) => Add(AfterReferences, targets, optional: true);

    public ITargetDefinition Triggers(params Target[] targets) => Add(TriggersReferences, targets);

    public ITargetDefinition Triggers<T>(params Func<T, Target>[] targets) => Add(TriggersReferences, targets, optional: false);

    public ITargetDefinition TryTriggers<T>(params Func<T, Target>[] targets) => Add(TriggersReferences, targets, optional: true);

    public ITargetDefinition TriggeredBy(params Target[] targets) => Add(TriggeredByReferences, targets);

    public ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets) => Add(TriggeredByReferences, targets, optional: false);

    public ITargetDefinition TryTriggeredBy<T>(params Func<T, Target>[] targets) => Add(TriggeredByReferences, targets, optional: true);

    public ITargetDefinition AssuredAfterFailure()
    {
        IsAssuredAfterFailure = true;
        return this;
    }

    public ITargetDefinition ProceedAfterFailure()
    {
        IsProceedAfterFailure = true;
        return this;
    }

    public ITargetDefinition Unlisted()
    {
        IsListed = false;
        return this;
    }

    private TargetDefinition Add(List<TargetReference> references, Target[] targets)
    {
        references.AddRange(targets.Select(TargetReference.To));
        return this;
    }

    private TargetDefinition Add<T>(List<TargetReference> references, Func<T, Target>[] targets, bool optional)
    {
        references.AddRange(targets.Select(x => TargetReference.ToComponent(x, optional)));
        return this;
    }
}
