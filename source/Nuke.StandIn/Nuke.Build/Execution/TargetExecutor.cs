using System.Diagnostics;
using Nuke.Common.Logging;
using Nuke.Common.Parameters;
using Serilog;
using Serilog.Events;

namespace Nuke.Common.Execution;

/// <summary>
/// Runs a plan as NUKE 10.1's BuildExecutor does: applies <c>--skip</c> and the static conditions, checks every requirement
/// before the first target starts, then runs the targets in order (dynamic conditions are checked as each is reached).
/// An exception escaping a target is logged with its stack trace and ends the build, unless the target is
/// <c>ProceedAfterFailure</c>; the <c>AssuredAfterFailure</c> targets still run. Then come the warnings and errors repeated,
/// the summary table and the outcome.
/// </summary>
internal sealed class TargetExecutor
{
    private readonly IReadOnlyList<ExecutableTarget> _plan;
    private readonly BuildOutput _output;
    private readonly Func<IReadOnlyList<LogEvent>> _errorsAndWarnings;

    public TargetExecutor(IReadOnlyList<ExecutableTarget> plan, BuildOutput output, Func<IReadOnlyList<LogEvent>> errorsAndWarnings)
    {
        _plan = plan;
        _output = output;
        _errorsAndWarnings = errorsAndWarnings;
    }

    public BuildResult Execute(NukeBuild build, IReadOnlyList<ParameterMember> parameters, IReadOnlyList<string>? skip)
    {
        ApplySkipParameter(skip);
        string? unmetRequirements = null;
        if (ApplyStaticConditions())
        {
            var problems = RequirementChecker.FindProblems(_plan.Where(x => x.Status == ExecutionStatus.Scheduled), parameters, build);
            if (problems.Count > 0)
            {
                // As NUKE's host reports an exception outside targets: the message alone; the table below still shows the plan.
                unmetRequirements = string.Join(Environment.NewLine, problems);
                _output.WriteLine(unmetRequirements);
            }
            else
            {
                RunTargets();
            }
        }

        foreach (var target in _plan.Where(x => x.Status == ExecutionStatus.Scheduled))
            target.Status = ExecutionStatus.NotRun;

        var succeeded = _plan.All(x => x.Status is ExecutionStatus.Succeeded or ExecutionStatus.Skipped or ExecutionStatus.Collective);
        HostOutput.WriteErrorsAndWarnings(_output, _errorsAndWarnings());
        HostOutput.WriteTargetOutcome(_output, _plan);
        HostOutput.WriteBuildOutcome(_output, succeeded);

        var outcomes = _plan.Select(x => new TargetOutcome(x.Name, x.Status, x.Duration, x.Note)).ToList();
        return new BuildResult(succeeded ? 0 : BuildResult.ErrorExitCode, outcomes, unmetRequirements);
    }

    private void RunTargets()
    {
        var failed = false;
        foreach (var target in _plan)
        {
            if (failed && !target.Definition.IsAssuredAfterFailure)
                continue;

            failed |= !Run(target);
        }
    }

    /// <summary>False when the build must stop: the target failed (and may not proceed), or its condition threw.</summary>
    private bool Run(ExecutableTarget target)
    {
        if (target.Status == ExecutionStatus.Skipped)
            return true;

        // A static condition that skipped nothing (the target was invoked) still skips it now, as in NUKE.
        if (!CheckConditions(target, target.Definition.DynamicConditions))
            return false;

        if (target.OnlyWhen != null)
        {
            target.Status = ExecutionStatus.Skipped;
            return true;
        }

        if (target.Definition.Actions.Count == 0)
        {
            target.Status = ExecutionStatus.Collective;
            return true;
        }

        using var executing = ExecutingTarget.Set(target.Name);
        HostOutput.WriteBlock(_output, target.Name);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            target.Status = ExecutionStatus.Running;
            foreach (var action in target.Definition.Actions)
                action();

            target.Status = ExecutionStatus.Succeeded;
            return true;
        }
        catch (Exception thrown)
        {
            var exception = thrown.Unwrap();
            if (target.SummaryInformation.Count == 0)
                target.SummaryInformation[exception.GetType().Name] = FirstLine(exception.Message);
            Log.Error(exception, "Target {TargetName} has thrown an exception", target.Name);
            target.Status = ExecutionStatus.Failed;
            return target.Definition.IsProceedAfterFailure;
        }
        finally
        {
            target.Duration = stopwatch.Elapsed;
        }
    }

    private void ApplySkipParameter(IReadOnlyList<string>? skip)
    {
        if (skip == null)
            return;

        // A bare --skip skips every dependency; a list skips those targets. Invoked targets always run.
        foreach (var target in _plan)
        {
            if (skip.Count == 0 || skip.Any(x => ParameterNames.Normalize(x) == ParameterNames.Normalize(target.Name)))
                MarkSkipped(target, "via parameter");
        }
    }

    /// <summary>False when a condition threw: NUKE then runs no target at all.</summary>
    private bool ApplyStaticConditions()
    {
        foreach (var target in _plan)
        {
            if (!CheckConditions(target, target.Definition.StaticConditions))
                return false;
        }

        return true;
    }

    /// <summary>
    /// Evaluates the conditions; violated ones are noted as NUKE notes them (<c>OnlyWhen: …</c>) and skip the target and the
    /// dependencies only it needs. False when a condition threw.
    /// </summary>
    private bool CheckConditions(ExecutableTarget target, IEnumerable<TargetCondition> conditions)
    {
        try
        {
            var texts = conditions.Where(x => !x.Evaluate()).Select(x => x.Text).ToList();
            if (texts.Count > 0)
            {
                target.OnlyWhen = string.Join(" && ", texts);
                MarkSkipped(target, reason: null);
            }

            return true;
        }
        catch (Exception thrown)
        {
            Log.Error(thrown.Unwrap(), "Invocation of condition for {TargetName} has thrown an exception", target.Name);
            return false;
        }
    }

    /// <summary>
    /// Skips a target (invoked ones keep running, as in NUKE) and, unless it is <c>DependencyBehavior.Execute</c>, the
    /// dependencies and triggers no other scheduled target needs.
    /// </summary>
    private void MarkSkipped(ExecutableTarget target, string? reason)
    {
        if (target.Status != ExecutionStatus.Scheduled)
            return;

        if (!target.IsInvoked)
        {
            target.Status = ExecutionStatus.Skipped;
            if (reason != null)
                target.SummaryInformation.TryAdd("Skipped", reason);
        }

        if (target.Definition.DependencyBehavior == DependencyBehavior.Execute)
            return;

        bool HasOtherDependents(ExecutableTarget dependency)
            => _plan.Any(x => x != target && x.Status == ExecutionStatus.Scheduled &&
                              (x.ExecutionDependencies.Contains(dependency) || x.Triggers.Contains(dependency)));

        foreach (var dependency in target.ExecutionDependencies.Concat(target.Triggers).Where(_plan.Contains).ToList())
        {
            if (!HasOtherDependents(dependency))
                MarkSkipped(dependency, $"because of {target.Name}");
        }
    }

    private static string FirstLine(string text) => text.Split(["\r\n", "\n"], StringSplitOptions.None)[0];
}
