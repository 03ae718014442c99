using ArtifactRegistry.Hints;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Docker;

/// <summary>
/// Checks, before the build, that buildx can write the cache it was told to: its default <c>docker</c> driver exports only the
/// inline cache, and buildx would fail after the whole build with "Cache export is not supported for the docker driver".
/// </summary>
internal static class BuildxCacheExport
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <param name="cacheTo">The <c>--cache-to</c> value buildx would get.</param>
    /// <param name="shownAs">How the user wrote it, for the message.</param>
    /// <exception cref="SettingsException">The current builder uses the <c>docker</c> driver and <paramref name="cacheTo"/> is no inline cache.</exception>
    public static async Task EnsureSupportedAsync(DockerClient client, IProcessRunner runner, string cacheTo, string shownAs, CancellationToken cancellationToken)
    {
        if (IsInline(cacheTo))
            return;
        var command = client.Command(arguments => arguments.Add("buildx").Add("inspect"))
            .WithValidation(ProcessValidation.None)
            .WithTimeout(Timeout);
        var result = await runner.ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        // An unknown driver is left to buildx: only the one known to refuse is refused here.
        if (!result.IsSuccess || ParseDriver(result.StandardOutput) != "docker")
            return;
        throw new SettingsException(
            $"buildx was told to write the build cache to {shownAs} ({SettingNames.CacheTo}), but its current builder uses the docker driver, which exports " +
            $"only the inline cache; buildx would fail after the build with \"Cache export is not supported for the docker driver\".{Environment.NewLine}" +
            $"Create a builder that can and make it current: `{client.Program} buildx create --use --driver docker-container`; or leave " +
            $"{SettingNames.CacheTo} unset: the inline cache in the pushed image needs no other driver.", SettingNames.CacheTo);
    }

    /// <summary>The <c>Driver:</c> of <c>docker buildx inspect</c>'s output (the current builder), or null.</summary>
    public static string? ParseDriver(string inspectOutput) => inspectOutput
        .Split('\n')
        .Select(line => line.Trim())
        .FirstOrDefault(line => line.StartsWith("Driver:", StringComparison.Ordinal))?["Driver:".Length..]
        .Trim();

    private static bool IsInline(string cacheTo) =>
        cacheTo.Split(',').Any(part => part.Trim().Equals(BuildCache.InlineCache, StringComparison.OrdinalIgnoreCase));
}
