using ArtifactRegistry.Cake.Arguments;
using ArtifactRegistry.Hints;
using Cake.Core;

namespace ArtifactRegistry.Cake.Hosting;

/// <summary>How every alias runs its operation: with the run's session, cancelled by Ctrl+C or SIGTERM, synchronously as Cake tasks do.</summary>
internal static class AliasRun
{
    /// <summary>
    /// Runs <paramref name="operation"/> through the run's result, which records what it returned or how it failed; its exceptions
    /// reach Cake as they are, with the settings their messages name shown as this script's arguments, so the task fails with
    /// the operation's own explanation.
    /// </summary>
    /// <exception cref="CakeException">A signal stopped the operation.</exception>
    public static T Run<T>(ICakeContext cake, string alias, Func<ScriptSession, CancellationToken, Task<T>> operation)
    {
        var session = ScriptSession.Of(cake);
        using var signals = StopSignals.Register();
        try
        {
            return session.Results.RecordAsync(alias, () => operation(session, signals.Token)).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (signals.Received is { } signal)
        {
            throw new CakeException($"{alias} was stopped by {signal}: the programs it started were ended, and the script stops here.");
        }
        catch (Exception exception)
        {
            SettingHints.ShowFor(exception, CakeSettingNames.Instance);
            throw;
        }
    }
}
