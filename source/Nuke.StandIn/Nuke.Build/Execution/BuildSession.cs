using Nuke.Common.IO;
using Nuke.Common.Logging;
using Nuke.Common.Parameters;

namespace Nuke.Common.Execution;

/// <summary>
/// The state of the run in progress that NUKE keeps in statics (root directory, parameters, host). It flows with the
/// run (an <see cref="AsyncLocal{T}"/>), so several runs can be driven in one process, e.g. by tests.
/// </summary>
internal sealed class BuildSession
{
    private static readonly AsyncLocal<BuildSession?> s_current = new();
    private static readonly Lazy<BuildSession> s_processDefault = new(CreateProcessDefault);

    private readonly Func<string> _rootDirectory;

    public BuildSession(
        Func<string> rootDirectory,
        IReadOnlyDictionary<string, string> environmentVariables,
        ParameterResolver parameters)
    {
        _rootDirectory = rootDirectory;
        EnvironmentVariables = environmentVariables;
        Parameters = parameters;
        IsServerBuild = ServerBuildDetector.IsServerBuild(environmentVariables);
    }

    /// <summary>The session of the run in progress; outside of any run, one made from the current process.</summary>
    public static BuildSession Current => s_current.Value ?? s_processDefault.Value;

    public AbsolutePath RootDirectory => (AbsolutePath) _rootDirectory();

    public AbsolutePath TemporaryDirectory => (RootDirectory / RootDirectoryLocator.MarkerName / "temp").CreateDirectory();

    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; }

    public ParameterResolver Parameters { get; }

    public bool IsServerBuild { get; }

    public static IDisposable Enter(BuildSession session)
    {
        var previous = s_current.Value;
        s_current.Value = session;
        return new Scope(() => s_current.Value = previous);
    }

    private static BuildSession CreateProcessDefault()
    {
        var invocation = BuildInvocation.FromCurrentProcess();
        var arguments = CommandLineArguments.Parse(invocation.Arguments);
        var root = new Lazy<string>(() => RootDirectoryLocator.Locate(arguments, invocation.WorkingDirectory));
        var sources = new List<IParameterSource>
        {
            new CommandLineSource(arguments),
            new EnvironmentSource(invocation.EnvironmentVariables)
        };
        var resolver = new ParameterResolver(sources, new SecretMasker(), invocation.WorkingDirectory);
        return new BuildSession(() => root.Value, invocation.EnvironmentVariables, resolver);
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
