using ArtifactRegistry.Context;
using ArtifactRegistry.Nuke.Logging;
using Nuke.Common.Tooling;

namespace ArtifactRegistry.Nuke;

public static partial class ArtifactRegistryTasks
{
    private static readonly Lock ContextLock = new();
    private static OperationContext _context = OperationContext.Default.SetLogger(SerilogBridge.Instance);
    private static bool _componentContextApplied;

    /// <summary>
    /// The context every task of this build hands its operation: this process's environment and NUKE's log by default.
    /// Set it once, before the first task runs, to point the build at other endpoints, an environment file, a token source…;
    /// components apply their <see cref="IArtifactRegistryContext.ArtifactRegistryContext"/> to it when their first target runs.
    /// </summary>
    public static OperationContext Context
    {
        get
        {
            lock (ContextLock)
                return _context;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (ContextLock)
                _context = value;
        }
    }

    /// <summary>The build's context with the component's changes, which are applied once per build.</summary>
    internal static OperationContext ContextFor(IArtifactRegistryContext component)
    {
        lock (ContextLock)
        {
            if (!_componentContextApplied)
            {
                _context = component.ArtifactRegistryContext.InvokeSafe(_context);
                _componentContextApplied = true;
            }
            return _context;
        }
    }
}
