using System.Buffers;

namespace ArtifactRegistry.Processes;

/// <summary>Shows arguments the way a POSIX shell would need them, for people to read and paste; never used to pass them.</summary>
internal static class CommandLineText
{
    private static readonly SearchValues<char> Plain =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=/.,:@%^");

    public static string Quote(string value) =>
        value.Length > 0 && !value.AsSpan().ContainsAnyExcept(Plain) ? value : $"'{value.Replace("'", @"'\''")}'";
}
