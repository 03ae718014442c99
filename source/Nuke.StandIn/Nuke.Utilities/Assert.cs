using System.Runtime.CompilerServices;

namespace Nuke.Common;

/// <summary>Assertions that end a target with a message meant for the person running the build.</summary>
public static class Assert
{
    public static void Fail(string message, Exception? exception = null) => throw new Exception(message, exception);

    public static void True(
        bool condition,
        string? message = null,
        [CallerArgumentExpression(nameof(condition))] string? argumentExpression = null)
    {
        if (!condition)
            throw new ArgumentException(message ?? "Expected condition to be true", message == null ? argumentExpression : null);
    }

    public static void False(
        bool condition,
        string? message = null,
        [CallerArgumentExpression(nameof(condition))] string? argumentExpression = null)
    {
        if (condition)
            throw new ArgumentException(message ?? "Expected condition to be false", message == null ? argumentExpression : null);
    }

    public static T NotNull<T>(
        this T? obj,
        string? message = null,
        [CallerArgumentExpression(nameof(obj))] string? argumentExpression = null)
        where T : class
    {
        if (obj == null)
        {
            throw new ArgumentException(
                message ?? $"Expected object of type '{typeof(T).FullName}' to be not null",
                message == null ? argumentExpression : null);
        }

        return obj;
    }

    public static string NotNullOrEmpty(
        this string? str,
        string? message = null,
        [CallerArgumentExpression(nameof(str))] string? argumentExpression = null)
    {
        if (string.IsNullOrEmpty(str))
            throw new ArgumentException(message ?? "Expected string to be not null or empty", message == null ? argumentExpression : null);
        return str;
    }

    public static void FileExists(
        string? path,
        string? message = null,
        [CallerArgumentExpression(nameof(path))] string? argumentExpression = null)
    {
        if (!File.Exists(path.NotNull(argumentExpression: argumentExpression)))
            throw new ArgumentException(message ?? $"Expected file to exist: {path}", message == null ? argumentExpression : null);
    }

    public static void DirectoryExists(
        string? path,
        string? message = null,
        [CallerArgumentExpression(nameof(path))] string? argumentExpression = null)
    {
        if (!Directory.Exists(path.NotNull(argumentExpression: argumentExpression)))
            throw new ArgumentException(message ?? $"Expected directory to exist: {path}", message == null ? argumentExpression : null);
    }
}
