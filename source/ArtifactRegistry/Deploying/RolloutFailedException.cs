using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Deploying;

/// <summary>
/// At least one workload did not roll out. The message has each failure with its diagnosis and fix (and, with RollbackOnFailure,
/// what was restored); <see cref="Result"/> has every workload's outcome, the successful ones included.
/// </summary>
public sealed class RolloutFailedException : Exception
{
    internal RolloutFailedException(SetImageResult result)
        : base(Describe(result))
    {
        Result = result;
        var named = new List<SettingName>();
        if (base.Message.Contains(FailureExplanation.LongerTimeout.ToString(), StringComparison.Ordinal))
            named.Add(FailureExplanation.LongerTimeout);
        named.AddRange(PlatformMismatchExplanation.NamedPlatforms(base.Message));
        if (named.Count > 0)
            this.Naming([.. named]);
    }

    private RolloutFailedException(RolloutFailedException failed, DeployResult deploy)
        : base(failed.BaseMessage, failed.InnerException)
    {
        Result = failed.Result;
        Deploy = deploy;
        foreach (var key in failed.Data.Keys)
            Data[key] = failed.Data[key];
    }

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);

    /// <summary>Every workload's outcome, the successful ones included.</summary>
    public SetImageResult Result { get; }

    /// <summary>When Deploy threw it: the whole deploy, the pushes and every image's rollouts included.</summary>
    public DeployResult? Deploy { get; }

    private string BaseMessage => base.Message;

    /// <summary>The same failure, told as part of <paramref name="deploy"/>.</summary>
    internal RolloutFailedException InDeploy(DeployResult deploy) => new(this, deploy);

    private static string Describe(SetImageResult result)
    {
        var failed = result.Workloads.Where(workload => !workload.Succeeded).ToList();
        var succeeded = result.Workloads.Where(workload => workload.Succeeded).Select(workload => workload.Workload.ToString()).ToList();
        var text = string.Join(Environment.NewLine, failed.Select(workload => workload.Failure));
        return succeeded.Count == 0 ? text : $"{text}{Environment.NewLine}({string.Join(", ", succeeded)} rolled out.)";
    }
}
