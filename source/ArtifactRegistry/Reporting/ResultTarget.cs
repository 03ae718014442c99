using System.Security.Cryptography;
using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Reporting;

/// <summary>
/// A file a result is written to, checked before the run changes anything: its folder is created, and a file is created and
/// deleted in it, so a path that cannot be written fails before anything is built instead of after the push.
/// </summary>
internal static class ResultTarget
{
    public static void Prepare(string? path, SettingName setting, string example)
    {
        if (path is null)
            return;
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new SettingsException(
                $"The result path {full} is a folder, so no result file can be written there; nothing was run. Name a file: {setting.With(Path.Combine(path, Path.GetFileName(example)))}.",
                setting.With(Path.Combine(path, Path.GetFileName(example))));
        var folder = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.probe");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException(
                $"The result file {full} cannot be written ({e.Message}), so nothing was run: a build whose result cannot be read would push an image no later step finds. " +
                $"Give a path in a folder this build may write: {setting.With(example)}.", setting.With(example));
        }
    }
}
