using System.Reflection;

namespace Nuke.Common.Execution;

/// <summary>NUKE's <c>Unwrap</c>: the exception a target threw, out of the wrappers reflection and type initializers put around it.</summary>
internal static class ExceptionUnwrapping
{
    public static Exception Unwrap(this Exception exception) => exception switch
    {
        TypeInitializationException { InnerException: { } inner } => inner.Unwrap(),
        TargetInvocationException { InnerException: { } inner } => inner.Unwrap(),
        AggregateException aggregate => aggregate.Flatten(),
        _ => exception
    };
}
