namespace Nuke.Common;

/// <summary>What happens to a skipped target's dependencies.</summary>
public enum DependencyBehavior
{
    /// <summary>Skip the dependencies that no other scheduled target needs.</summary>
    Skip,

    /// <summary>Run the dependencies anyway.</summary>
    Execute
}
