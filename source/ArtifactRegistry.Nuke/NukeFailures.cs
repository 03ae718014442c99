using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Nuke;

/// <summary>Where a component's target meets an operation's failure: the message is made to name NUKE's parameters, then it goes on as it was thrown.</summary>
internal static class NukeFailures
{
    public static async Task ShowingParameters(Func<Task> run)
    {
        try
        {
            await run().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            SettingHints.ShowFor(exception, NukeSettingNames.Instance);
            throw;
        }
    }
}
