namespace Nuke.Common;

/// <summary>
/// A target: <c>Target Compile => _ => _.DependsOn(Restore).Executes(() => ...);</c>
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);
