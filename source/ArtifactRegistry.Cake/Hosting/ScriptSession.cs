using System.Runtime.CompilerServices;
using ArtifactRegistry.Cake.Arguments;
using ArtifactRegistry.Context;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Reporting;
using Cake.Core;

namespace ArtifactRegistry.Cake.Hosting;

/// <summary>
/// What the aliases of one script run share: the operation context (Cake's log by default), the docker auth session the first
/// step opened, the images pushed so far, and the run's one result (every alias's outcome in one result file). Aliases are
/// static methods, so the session hangs off the run's <see cref="ICakeEnvironment"/>: the one object every context of a run
/// shares (the script's, a task's, Setup's and Teardown's adapters all hand it on), and which goes away with the run.
/// </summary>
internal sealed class ScriptSession
{
    private static readonly ConditionalWeakTable<ICakeEnvironment, ScriptSession> Sessions = new();

    private readonly Lock _lock = new();
    private readonly List<BuildAndPushResult> _pushed = [];
    private OperationContext _context;
    private DockerAuthSession? _dockerAuth;
    private RunResults? _results;

    /// <summary>
    /// This process's environment, Cake's log, and <c>--kubeconfig</c>, <c>--kube-context</c>, <c>--result-file</c> and
    /// <c>--result-dotenv</c> when given.
    /// </summary>
    private ScriptSession(ICakeContext cake) =>
        _context = ArgumentDefaults.Context(OperationContext.Default.SetLogger(new CakeLogBridge(cake.Log)), cake.Arguments);

    public static ScriptSession Of(ICakeContext cake)
    {
        ArgumentNullException.ThrowIfNull(cake);
        return Sessions.GetValue(cake.Environment, _ => new ScriptSession(cake));
    }

    public OperationContext Context
    {
        get
        {
            lock (_lock)
                return _context;
        }
    }

    /// <summary>The docker auth the run's first EnsureDockerAuth, BuildAndPush or Deploy opened; later steps use it.</summary>
    public DockerAuthSession? DockerAuth
    {
        get
        {
            lock (_lock)
                return _dockerAuth;
        }
    }

    public IReadOnlyList<BuildAndPushResult> Pushed
    {
        get
        {
            lock (_lock)
                return _pushed.ToList();
        }
    }

    /// <summary>
    /// The run's result, opened by the first alias that runs, with the context of that moment: its result files are checked before
    /// anything runs, and rewritten after every alias, failed ones too, so they hold every alias of the run.
    /// </summary>
    /// <exception cref="Hints.SettingsException">A result file cannot be written.</exception>
    public RunResults Results
    {
        get
        {
            lock (_lock)
                return _results ??= RunResults.Open(_context, CakeSettingNames.Instance);
        }
    }

    public OperationContext Configure(Func<OperationContext, OperationContext> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        lock (_lock)
            return _context = configure(_context) ?? throw new ArgumentException("The context lambda returned null; return the context it was given, changed.", nameof(configure));
    }

    /// <summary>Makes <paramref name="session"/> the run's docker auth; one it replaces is disposed (its build-scoped login deleted).</summary>
    public void Adopt(DockerAuthSession? session)
    {
        if (session is null)
            return;
        lock (_lock)
        {
            if (ReferenceEquals(_dockerAuth, session))
                return;
            _dockerAuth?.Dispose();
            _dockerAuth = session;
        }
    }

    public void AddPushed(IEnumerable<BuildAndPushResult> results)
    {
        lock (_lock)
            _pushed.AddRange(results);
    }
}
