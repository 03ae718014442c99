using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Nuke.Common;

/// <summary>The fluent API a <see cref="Target"/> uses to describe itself.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);

    ITargetDefinition Executes(params Action[] actions);

    ITargetDefinition Executes<T>(Func<T> action);

    ITargetDefinition Executes(Func<Task> action);

    ITargetDefinition DependsOn(params Target[] targets);

    ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets);

    /// <summary>Like <see cref="DependsOn{T}"/>, but ignored when the build does not implement <typeparamref name="T"/>.</summary>
    ITargetDefinition TryDependsOn<T>(params Func<T, Target>[] targets);

    ITargetDefinition DependentFor(params Target[] targets);

    ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets);

    ITargetDefinition TryDependentFor<T>(params Func<T, Target>[] targets);

    /// <summary>Evaluated when the target is reached; a false condition skips the target.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? conditionExpression = null);

    /// <summary>Evaluated before any target runs; a false condition skips the target.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string? conditionExpression = null);

    /// <summary>Checked before any target runs: the parameter must have a value.</summary>
    ITargetDefinition Requires<T>(Expression<Func<T>> parameterRequirement, params Expression<Func<T>>[] parameterRequirements)
        where T : class?;

    /// <summary>Checked before any target runs: the parameter must have a value.</summary>
    ITargetDefinition Requires<T>(Expression<Func<T?>> parameterRequirement, params Expression<Func<T?>>[] parameterRequirements)
        where T : struct;

    /// <summary>Checked before any target runs: the condition must hold.</summary>
    ITargetDefinition Requires(Expression<Func<bool>> requirement, params Expression<Func<bool>>[] requirements);

    ITargetDefinition WhenSkipped(DependencyBehavior dependencyBehavior);

    ITargetDefinition Before(params Target[] targets);

    ITargetDefinition Before<T>(params Func<T, Target>[] targets);

    ITargetDefinition TryBefore<T>(params Func<T, Target>[] targets);

    ITargetDefinition After(params Target[] targets);

    ITargetDefinition After<T>(params Func<T, Target>[] targets);

    ITargetDefinition TryAfter<T>(params Func<T, Target>[] targets);

    ITargetDefinition Triggers(params Target[] targets);

    ITargetDefinition Triggers<T>(params Func<T, Target>[] targets);

    ITargetDefinition TryTriggers<T>(params Func<T, Target>[] targets);

    ITargetDefinition TriggeredBy(params Target[] targets);

    ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets);

    ITargetDefinition TryTriggeredBy<T>(params Func<T, Target>[] targets);

    /// <summary>Runs even when an earlier target failed.</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>A failure of this target does not stop the targets after it.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Hides the target from <c>--help</c>.</summary>
    ITargetDefinition Unlisted();
}
