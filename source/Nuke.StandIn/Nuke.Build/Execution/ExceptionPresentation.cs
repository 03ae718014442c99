using System.Reflection;

namespace Nuke.Common.Execution;

/// <summary>
/// How a failure inside a target is shown: the message alone for exceptions that describe a problem to fix outside
/// the code (a process exit code, an assertion, the library's own exceptions); the full stack trace for the types that
/// signal a defect in the build code, or for everything at <c>--verbosity verbose</c>.
/// </summary>
internal static class ExceptionPresentation
{
    private static readonly HashSet<Type> s_defects =
    [
        typeof(NullReferenceException), typeof(InvalidCastException), typeof(IndexOutOfRangeException),
        typeof(KeyNotFoundException), typeof(NotImplementedException), typeof(ArgumentNullException),
        typeof(ArgumentOutOfRangeException), typeof(InvalidOperationException), typeof(DivideByZeroException),
        typeof(FormatException), typeof(MissingMethodException), typeof(TypeLoadException)
    ];

    public static bool ShowsStackTrace(Exception exception) => s_defects.Contains(exception.GetType());

    public static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    continue;
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    exception = aggregate.InnerExceptions[0];
                    continue;
                default:
                    return exception;
            }
        }
    }

    /// <summary>The one line shown next to a failed target in the summary.</summary>
    public static string Summarize(Exception exception)
        => $"{exception.GetType().Name}: {exception.Message.Split('\n')[0].Trim()}";
}
