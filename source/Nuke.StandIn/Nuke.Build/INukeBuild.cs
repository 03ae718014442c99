using System.Linq.Expressions;
using Nuke.Common.IO;

namespace Nuke.Common;

/// <summary>What a build, and every component (an interface deriving from it), can see of the running build.</summary>
public interface INukeBuild
{
    /// <summary>The directory holding <c>.nuke</c>, found walking up from the working directory, or <c>--root</c>.</summary>
    AbsolutePath RootDirectory { get; }

    /// <summary><c>.nuke/temp</c> under the root directory.</summary>
    AbsolutePath TemporaryDirectory { get; }

    bool IsLocalBuild { get; }

    bool IsServerBuild { get; }

    /// <summary>
    /// The value of a <c>[Parameter]</c> member, resolved from the command line, the environment or <c>.nuke/parameters.json</c>:
    /// <c>[Parameter] string Registry => TryGetValue(() => Registry);</c>
    /// </summary>
    public T? TryGetValue<T>(Expression<Func<T>> parameterExpression) where T : class?;

    /// <summary>
    /// The value of a <c>[Parameter]</c> member of a value type: <c>[Parameter] int? Port => TryGetValue&lt;int?&gt;(() => Port);</c>
    /// </summary>
    public T? TryGetValue<T>(Expression<Func<object?>> parameterExpression);
}
