using System.Text.RegularExpressions;
using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Publishing;

/// <summary>The platforms a BuildAndPush builds, checked before anything starts.</summary>
internal static partial class BuildPlatforms
{
    [GeneratedRegex("^[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?$")]
    private static partial Regex Shape();

    /// <summary><see cref="BuildAndPushSettings.Platforms"/> when given, else the one <see cref="Docker.ImageBuildSettings.Platform"/>, else none (the engine's).</summary>
    /// <exception cref="SettingsException">A platform is not <c>OS/ARCHITECTURE[/VARIANT]</c>, or one is listed twice.</exception>
    public static IReadOnlyList<string> Of(BuildAndPushSettings settings)
    {
        if (settings.Platforms.Count == 0)
            return settings.Platform is { } platform ? [platform] : [];
        var platforms = settings.Platforms.Select(platform => platform.Trim()).ToList();
        foreach (var platform in platforms.Where(platform => !Shape().IsMatch(platform)))
        {
            var setting = SettingNames.Platforms.With("linux/amd64,linux/arm64");
            throw new SettingsException(
                $"The platform '{platform}' is not of the form OS/ARCHITECTURE[/VARIANT].{Environment.NewLine}" +
                $"Docker and the image index name platforms that way, so the build could not say which one to make.{Environment.NewLine}" +
                $"Write it as docker does, e.g. {setting}.", setting);
        }
        if (platforms.GroupBy(platform => platform).FirstOrDefault(group => group.Count() > 1) is { } twice)
            throw new SettingsException(
                $"The platform {twice.Key} is listed twice.{Environment.NewLine}" +
                $"An image index holds one image per platform, so the second build could only replace the first.{Environment.NewLine}" +
                $"List each platform once in {SettingNames.Platforms}.", SettingNames.Platforms);
        return platforms;
    }
}
