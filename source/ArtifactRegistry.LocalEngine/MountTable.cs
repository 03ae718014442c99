using System.Runtime.InteropServices;
using System.Text;

namespace ArtifactRegistry.LocalEngine;

/// <summary>
/// dockerd bind-mounts its data root onto itself and mounts shm and layer folders below it; a dockerd that had to be
/// killed leaves them behind, and a mounted folder cannot be deleted.
/// </summary>
public static class MountTable
{
    private const int DetachLazily = 2; // MNT_DETACH

    public static IReadOnlyList<string> MountPointsUnder(string directory)
    {
        var prefix = directory.TrimEnd('/') + "/";
        return File.ReadLines("/proc/self/mountinfo")
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 4)
            .Select(fields => Unescape(fields[4]))
            .Where(mountPoint => (mountPoint + "/").StartsWith(prefix, StringComparison.Ordinal))
            .Distinct()
            .OrderByDescending(mountPoint => mountPoint.Length)
            .ToList();
    }

    /// <summary>Unmounts everything under <paramref name="directory"/>, deepest first; returns what it could not unmount.</summary>
    public static IReadOnlyList<string> UnmountAllUnder(string directory)
    {
        var failures = new List<string>();
        foreach (var mountPoint in MountPointsUnder(directory))
        {
            if (umount2(mountPoint, DetachLazily) != 0)
                failures.Add($"{mountPoint} (errno {Marshal.GetLastPInvokeError()})");
        }
        return failures;
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo octal.
    private static string Unescape(string field)
    {
        if (!field.Contains('\\'))
            return field;
        var builder = new StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                builder.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                builder.Append(field[i]);
            }
        }
        return builder.ToString();
    }

    private static bool IsOctal(string text, int start) =>
        start + 3 <= text.Length && text.Substring(start, 3).All(c => c is >= '0' and <= '7');

    [DllImport("libc", SetLastError = true)]
    private static extern int umount2([MarshalAs(UnmanagedType.LPUTF8Str)] string target, int flags);
}
