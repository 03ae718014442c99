using System.Diagnostics;
using Nuke.Common.Logging;
using Nuke.Common.Parameters;
using Serilog;

namespace Nuke.Common.Execution;

/// <summary>
/// Runs a plan: applies <c>--skip</c> and the static conditions, checks every requirement before the first target
/// starts, then runs the targets in order (dynamic conditions are checked as each is reached) and writes the summary.
/// After a failure, only <c>AssuredAfterFailure</c> targets still run, unless the failed one was <c>ProceedAfterFailure</c>.
/// </summary>
internal sealed class TargetExecutor
{
    private readonly IReadOnlyList<ExecutableTarget> _plan;
    private readonly BuildOutput _output;
    private readonly bool _verbose;

    public TargetExecutor(IReadOnlyList<ExecutableTarget> plan, BuildOutput output, bool verbose)
    {
        _plan = plan;
        _output = output;
        _verbose = verbose;
    }

    public BuildResult Execute(NukeBuild build, IReadOnlyList<ParameterMember> parameters, IReadOnlyList<string>? skip)
    {
        ApplySkipParameter(skip);
        ApplyStaticConditions();

        var problems = RequirementChecker.FindProblems(_plan.Where(x => x.Status == ExecutionStatus.Scheduled), parameters, build);
        if (problems.Count > 0)
            throw new BuildFailure(problems);

        var stopwatch = Stopwatch.StartNew();
        var stopped = false;
        foreach (var target in _plan)
        {
            if (stopped && !target.Definition.IsAssuredAfterFailure)
            {
                if (target.Status == ExecutionStatus.Scheduled)
                    target.Status = ExecutionStatus.NotRun;
                continue;
            }

            Run(target);
            stopped |= target.Status == ExecutionStatus.Failed && !target.Definition.IsProceedAfterFailure;
        }

        var succeeded = _plan.All(x => x.Status is ExecutionStatus.Succeeded or ExecutionStatus.Skipped or ExecutionStatus.Collective);
        SummaryTable.Write(_output, _plan, stopwatch.Elapsed, succeeded);

        var outcomes = _plan.Select(x => new TargetOutcome(x.Name, x.Status, x.Duration, x.Note)).ToList();
        return new BuildResult(succeeded ? 0 : 1, outcomes);
    }

    private void Run(ExecutableTarget target)
    {
        if (target.Status == ExecutionStatus.Skipped)
        {
            Log.Information("Skipping target {Target} ({Reason})", target.Name, target.Note);
            return;
        }

        string? violated;
        try
        {
            violated = ViolatedConditions(target.Definition.DynamicConditions);
        }
        catch (Exception exception)
        {
            Fail(target, exception);
            return;
        }

        if (violated != null)
        {
            MarkSkipped(target, violated, cascade: true);
            Log.Information("Skipping target {Target} ({Reason})", target.Name, target.Note);
            return;
        }

        if (target.Definition.Actions.Count == 0)
        {
            target.Status = ExecutionStatus.Collective;
            return;
        }

        SummaryTable.WriteTargetHeader(_output, target.Name);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            target.Status = ExecutionStatus.Running;
            foreach (var action in target.Definition.Actions)
                action();

            target.Status = ExecutionStatus.Succeeded;
        }
        catch (Exception exception)
        {
            Fail(target, exception);
        }
        finally
        {
            target.Duration = stopwatch.Elapsed;
        }
    }

    private void Fail(ExecutableTarget target, Exception thrown)
    {
        var exception = ExceptionPresentation.Unwrap(thrown);
        target.Status = ExecutionStatus.Failed;
        target.Note = ExceptionPresentation.Summarize(exception);

        if (_verbose || ExceptionPresentation.ShowsStackTrace(exception))
            Log.Error(exception, "Target {Target} has thrown an exception", target.Name);
        else
            Log.Error("Target {Target} failed: {Message}", target.Name, exception.Message);
    }

    private void ApplySkipParameter(IReadOnlyList<string>? skip)
    {
        if (skip == null)
            return;

        // A bare --skip skips every dependency; a list skips those targets. Invoked targets always run.
        foreach (var target in _plan.Where(x => !x.IsInvoked))
        {
            if (skip.Count == 0 || skip.Any(x => ParameterNames.Normalize(x) == ParameterNames.Normalize(target.Name)))
                MarkSkipped(target, "via --skip", cascade: false);
        }
    }

    private void ApplyStaticConditions()
    {
        foreach (var target in _plan.Where(x => x.Status == ExecutionStatus.Scheduled))
        {
            string? violated;
            try
            {
                violated = ViolatedConditions(target.Definition.StaticConditions);
            }
            catch (Exception thrown)
            {
                var exception = ExceptionPresentation.Unwrap(thrown);
                throw new BuildFailure($"Target '{target.Name}' could not evaluate its OnlyWhenStatic condition: {ExceptionPresentation.Summarize(exception)}");
            }

            if (violated != null)
                MarkSkipped(target, violated, cascade: true);
        }
    }

    private static string? ViolatedConditions(IEnumerable<TargetCondition> conditions)
    {
        var violated = conditions.Where(x => !x.Evaluate()).Select(x => x.Text).ToList();
        return violated.Count > 0 ? $"condition false: {string.Join(" && ", violated)}" : null;
    }

    private void MarkSkipped(ExecutableTarget target, string reason, bool cascade)
    {
        if (target.Status != ExecutionStatus.Scheduled)
            return;

        target.Status = ExecutionStatus.Skipped;
        target.Note ??= reason;

        if (!cascade || target.Definition.DependencyBehavior == DependencyBehavior.Execute)
            return;

        bool StillNeeded(ExecutableTarget dependency)
            => _plan.Any(x => x.Status == ExecutionStatus.Scheduled &&
                              (x.ExecutionDependencies.Contains(dependency) || x.Triggers.Contains(dependency)));

        foreach (var dependency in target.ExecutionDependencies.Concat(target.Triggers).Where(_plan.Contains).ToList())
        {
            if (!dependency.IsInvoked && !StillNeeded(dependency))
                MarkSkipped(dependency, $"because {target.Name} was skipped", cascade: true);
        }
    }
}
