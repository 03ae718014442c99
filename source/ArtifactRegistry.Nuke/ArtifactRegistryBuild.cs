using System.Runtime.CompilerServices;
using ArtifactRegistry.Context;
using ArtifactRegistry.DockerAuth;
using ArtifactRegistry.Nuke.Logging;
using ArtifactRegistry.Publishing;
using ArtifactRegistry.Reporting;
using Nuke.Common;

namespace ArtifactRegistry.Nuke;

/// <summary>
/// The Artifact Registry side of one build: its context, the docker auth session every target reuses (made once, by the first
/// target that needs it), the images pushed so far, and the tasks that share them. A NUKE build's components find theirs with
/// <see cref="IArtifactRegistryContext.ArtifactRegistryBuild"/>; any other C# build creates one and disposes it when it ends.
/// Nothing of it is shared with another build in the same process, and the process's environment is never changed.
/// </summary>
public sealed partial class ArtifactRegistryBuild : IDisposable
{
    // Interface components have no fields: a build's state hangs off the build object, and goes when it does.
    private static readonly ConditionalWeakTable<INukeBuild, ArtifactRegistryBuild> Builds = new();

    private readonly Lock _lock = new();
    private readonly List<BuildAndPushResult> _pushed = [];
    private OperationContext _context;
    private DockerAuthSession? _dockerAuth;
    private RunResults? _results;

    /// <summary>A build's state, starting from <paramref name="context"/>; default: this process's environment and NUKE's log.</summary>
    public ArtifactRegistryBuild(OperationContext? context = null) =>
        _context = context ?? OperationContext.Default.SetLogger(SerilogBridge.Instance);

    /// <summary>The state of the NUKE build <paramref name="build"/>, made when first asked for.</summary>
    public static ArtifactRegistryBuild Of(INukeBuild build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return Builds.GetValue(build, _ => new ArtifactRegistryBuild());
    }

    /// <summary>
    /// The context the tasks hand their operations. The components apply their <see cref="IArtifactRegistryContext.ArtifactRegistryContext"/>
    /// hook to it each time a target runs, so changing either takes effect for the next target.
    /// </summary>
    public OperationContext Context
    {
        get
        {
            lock (_lock)
                return _context;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_lock)
                _context = value;
        }
    }

    /// <summary>
    /// The docker auth of this build, once EnsureDockerAuth, BuildAndPush or Deploy made it: later pushes reuse it, and docker
    /// commands of the build's own run with <see cref="DockerAuthSession.DockerEnvironment"/>.
    /// </summary>
    public DockerAuthSession? DockerAuth
    {
        get
        {
            lock (_lock)
                return _dockerAuth;
        }
    }

    /// <summary>Every image pushed in this build, in order; later targets deploy them by digest.</summary>
    public IReadOnlyList<BuildAndPushResult> PushedImages
    {
        get
        {
            lock (_lock)
                return _pushed.ToList();
        }
    }

    /// <summary>The image pushed last in this build, or null before any push.</summary>
    public BuildAndPushResult? PushedImage
    {
        get
        {
            lock (_lock)
                return _pushed.LastOrDefault();
        }
    }

    /// <summary>
    /// Runs one operation through the build's <see cref="RunResults"/>, opened by the first with its context: the result file and
    /// dotenv file of that context are checked before anything runs, and rewritten after every operation, failed ones too.
    /// </summary>
    private Task<T> RecordAsync<T>(OperationContext context, string operation, Func<Task<T>> run)
    {
        RunResults results;
        lock (_lock)
            results = _results ??= RunResults.Open(context, NukeSettingNames.Instance);
        return results.RecordAsync(operation, run);
    }

    /// <summary>Deletes the build-scoped docker login, if the session made one.</summary>
    public void Dispose()
    {
        DockerAuthSession? session;
        lock (_lock)
        {
            session = _dockerAuth;
            _dockerAuth = null;
        }
        session?.Dispose();
    }

    private void Adopt(DockerAuthSession session)
    {
        DockerAuthSession? previous;
        lock (_lock)
        {
            if (ReferenceEquals(_dockerAuth, session))
                return;
            previous = _dockerAuth;
            _dockerAuth = session;
        }
        previous?.Dispose();
    }

    private void AddPushed(IEnumerable<BuildAndPushResult> results)
    {
        lock (_lock)
            _pushed.AddRange(results);
    }
}
