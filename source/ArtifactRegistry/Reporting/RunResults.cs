using ArtifactRegistry.Context;
using ArtifactRegistry.Deploying;
using ArtifactRegistry.Hints;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Pruning;
using Microsoft.Extensions.Logging;

namespace ArtifactRegistry.Reporting;

/// <summary>
/// What a run's operations produced, written where CI reads it, after every operation and also when one fails: the JSON result
/// file (<see cref="OperationContext.ResultFile"/>), the GitLab dotenv file (<see cref="OperationContext.ResultDotenv"/>), and,
/// when the environment names them, GitHub Actions' step outputs (<c>GITHUB_OUTPUT</c>) and job summary (<c>GITHUB_STEP_SUMMARY</c>).
/// A host opens one per run and runs each operation through it:
/// <c>var results = RunResults.Open(context); await results.RecordAsync("Deploy", () =&gt; Deploy.RunAsync(context, settings));</c>.
/// </summary>
public sealed class RunResults
{
    private readonly OperationContext _context;
    private readonly IHostSettingNames? _host;
    private readonly Lock _lock = new();
    private RunResult _result = new();

    private RunResults(OperationContext context, IHostSettingNames? host)
    {
        _context = context;
        _host = host;
    }

    /// <summary>
    /// Checks that the result files can be written (creating their folders), before anything runs; <paramref name="host"/> names the
    /// settings in failure messages as the host does (they are recorded as the user sees them).
    /// </summary>
    /// <exception cref="SettingsException">A result path is a folder, or its folder cannot be created or written.</exception>
    public static RunResults Open(OperationContext context, IHostSettingNames? host = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            ResultTarget.Prepare(context.ResultFile, SettingNames.ResultFile, "artifacts/result.json");
            ResultTarget.Prepare(context.ResultDotenv, SettingNames.ResultDotenv, "artifacts/image.env");
        }
        catch (SettingsException e) when (host is not null)
        {
            SettingHints.ShowFor(e, host);
            throw;
        }
        return new RunResults(context, host);
    }

    /// <summary>The result so far as the JSON of the result file (schema version 1).</summary>
    public string ToJson()
    {
        lock (_lock)
            return RunResultJson.Serialize(_result);
    }

    /// <summary>
    /// Runs <paramref name="operation"/> and writes what it returned; when it throws, writes the failure (its kind and message, and
    /// what a failed rollout did) and rethrows. Results of BuildAndPush, SetImage, Deploy and PruneUntagged fill the result;
    /// other operations are listed by <paramref name="name"/> only.
    /// </summary>
    public async Task<T> RecordAsync<T>(string name, Func<Task<T>> operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(operation);
        T result;
        try
        {
            result = await operation().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            if (_host is not null)
                SettingHints.ShowFor(e, _host);
            try
            {
                Write(name, PartOf(e), e);
            }
            catch (Exception writing) when (writing is IOException or UnauthorizedAccessException)
            {
                _context.Logger.LogError("The result of the failed {Operation} could not be written: {Reason}", name, writing.Message);
            }
            throw;
        }

        Write(name, result, failure: null);
        return result;
    }

    /// <summary>What a failed operation still did: a failed rollout's workloads (and a failed Deploy's pushes).</summary>
    private static object? PartOf(Exception failure) => failure switch
    {
        RolloutFailedException { Deploy: { } deploy } => deploy,
        RolloutFailedException rollout => rollout.Result,
        _ => null,
    };

    private void Write(string name, object? outcome, Exception? failure)
    {
        var part = Part(outcome) with
        {
            Operations = [name],
            Outcome = failure is null ? RunOutcome.Succeeded : RunOutcome.Failed,
            Failure = failure is null ? null : new RunFailure(failure.GetType().Name, failure.Message, name),
        };
        lock (_lock)
        {
            _result = Merge(_result, part);
            if (_context.ResultFile is { } file)
                RunResultJson.Write(file, _result);
            if (_context.ResultDotenv is { } dotenv)
                DotenvFile.Write(dotenv, _result);
            WriteGitHub(name, part);
        }
    }

    /// <summary>GitHub's files belong to the runner: one that cannot be written is a warning, not a failed deploy.</summary>
    private void WriteGitHub(string name, RunResult part)
    {
        try
        {
            if (_context.Variable(GitHubOutputs.Variable) is { Length: > 0 } outputs && part.Images.Count > 0)
                GitHubOutputs.Append(outputs, _result);
            if (_context.Variable(GitHubStepSummary.Variable) is { Length: > 0 } summary)
                GitHubStepSummary.Append(summary, name, part);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _context.Logger.LogWarning("The GitHub Actions outputs of {Operation} could not be written: {Reason}", name, e.Message);
        }
    }

    /// <summary>What one operation produced, in the result's shape.</summary>
    private static RunResult Part(object? outcome) => outcome switch
    {
        BuildAndPushResult pushed => new RunResult { Images = [ResultMapping.Image(pushed)] },
        SetImageResult rollout => new RunResult
        {
            DryRun = rollout.DryRun,
            Workloads = [.. rollout.Workloads.Select(ResultMapping.Workload)],
        },
        DeployResult deploy => new RunResult
        {
            DryRun = deploy.DryRun,
            Images = [.. deploy.Pushed.Select(ResultMapping.Image)],
            Workloads = [.. deploy.Rollouts.SelectMany(rollout => rollout.Workloads).Select(ResultMapping.Workload)],
            Kustomizations = [.. deploy.Kustomizations.Where(pin => pin.Written).Select(pin => new KustomizationResult(pin.Path, pin.Name, pin.NewName, pin.Digest, pin.Added))],
        },
        PruneUntaggedResult prune => new RunResult { DryRun = prune.DryRun, Prune = ResultMapping.Prune(prune) },
        _ => new RunResult(),
    };

    private static RunResult Merge(RunResult run, RunResult part) => run with
    {
        Outcome = part.Outcome == RunOutcome.Failed ? RunOutcome.Failed : run.Outcome,
        Failure = part.Failure ?? run.Failure,
        Operations = [.. run.Operations, .. part.Operations],
        DryRun = run.DryRun || part.DryRun,
        // A later push of the same image replaces it where it was: the first image stays the one the flat outputs name.
        Images = [.. run.Images.Select(image => part.Images.FirstOrDefault(other => other.Name == image.Name) ?? image),
            .. part.Images.Where(image => run.Images.All(other => other.Name != image.Name))],
        Workloads = [.. run.Workloads.Where(w => part.Workloads.All(other => other.Workload != w.Workload || other.Namespace != w.Namespace)), .. part.Workloads],
        Prune = part.Prune ?? run.Prune,
        Kustomizations = [.. run.Kustomizations, .. part.Kustomizations],
    };
}
