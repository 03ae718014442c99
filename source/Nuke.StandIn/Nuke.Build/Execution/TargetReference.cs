namespace Nuke.Common.Execution;

/// <summary>
/// A reference from one target to another, as written in a definition: a <see cref="Target"/> of the same build, or
/// <c>x => x.Push</c> on a component interface (which the build might not implement).
/// </summary>
internal sealed class TargetReference
{
    private readonly Func<object, Target?> _select;

    private TargetReference(Func<object, Target?> select, Type? componentType, bool optional)
    {
        _select = select;
        ComponentType = componentType;
        IsOptional = optional;
    }

    /// <summary>The interface of a <c>DependsOn&lt;T&gt;</c>-style reference; <c>null</c> for a plain one.</summary>
    public Type? ComponentType { get; }

    /// <summary>From a <c>Try*</c> method: ignored when the build does not implement the component.</summary>
    public bool IsOptional { get; }

    public static TargetReference To(Target target) => new(_ => target, componentType: null, optional: false);

    public static TargetReference ToComponent<T>(Func<T, Target> select, bool optional)
        => new(build => build is T component ? select(component) : null, typeof(T), optional);

    /// <summary>The referenced target's delegate, or <c>null</c> when the build does not implement the component.</summary>
    public Target? Select(object build) => _select(build);
}
