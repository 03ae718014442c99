using System.Linq.Expressions;
using Nuke.Common.Execution;
using Nuke.Common.IO;

namespace Nuke.Common;

/// <summary>
/// Base class of a build: <c>class Build : NukeBuild { public static int Main() => Execute&lt;Build&gt;(x => x.Compile); }</c>
/// </summary>
public abstract partial class NukeBuild : INukeBuild
{
    /// <summary>The directory holding <c>.nuke</c>, found walking up from the working directory, or <c>--root</c>.</summary>
    public static AbsolutePath RootDirectory => BuildSession.Current.RootDirectory;

    /// <summary><c>.nuke/temp</c> under the root directory; created on first use.</summary>
    public static AbsolutePath TemporaryDirectory => BuildSession.Current.TemporaryDirectory;

    public static bool IsLocalBuild => !IsServerBuild;

    /// <summary>Whether a CI server runs the build (GitHub Actions, GitLab CI, Azure Pipelines, TeamCity, Jenkins, <c>CI=true</c>, ...).</summary>
    public static bool IsServerBuild => BuildSession.Current.IsServerBuild;

    /// <summary>
    /// Runs the build with the process's arguments and environment; the expressions name the targets run when none is given.
    /// Returns the exit code: 0 when every target succeeded or was skipped, -1 (255 for the process) otherwise, as in NUKE.
    /// </summary>
    protected static int Execute<T>(params Expression<Func<T, Target>>[] defaultTargetExpressions)
        where T : NukeBuild, new()
    {
        return BuildRunner.Run(defaultTargetExpressions, BuildInvocation.FromCurrentProcess()).ExitCode;
    }

    AbsolutePath INukeBuild.RootDirectory => RootDirectory;
    AbsolutePath INukeBuild.TemporaryDirectory => TemporaryDirectory;
    bool INukeBuild.IsLocalBuild => IsLocalBuild;
    bool INukeBuild.IsServerBuild => IsServerBuild;

    T? INukeBuild.TryGetValue<T>(Expression<Func<T>> parameterExpression) where T : class
        => (T?) BuildSession.Current.Parameters.TryGetValue(parameterExpression);

    T? INukeBuild.TryGetValue<T>(Expression<Func<object?>> parameterExpression) where T : default
        => BuildSession.Current.Parameters.TryGetValue(parameterExpression) is T value ? value : default;
}
