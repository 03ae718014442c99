using System.Reflection;
using Nuke.Common.Parameters;
using Serilog;

namespace Nuke.Common.ValueInjection;

/// <summary>
/// An attribute that gives a build member its value, as NUKE's <c>[Parameter]</c> does. A value that cannot be had is
/// logged as a warning and left out, as NUKE does: the member keeps its default and a <c>Requires</c> on it fails.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public abstract class ValueInjectionAttributeBase : Attribute
{
    /// <summary>The value of <paramref name="member"/>, or <c>null</c> (with a warning) when getting it failed.</summary>
    public object? TryGetValue(MemberInfo member, object instance)
    {
        try
        {
            return GetValue(member, instance);
        }
        catch (Exception exception)
        {
            Log.Warning(exception, "Could not inject value for {Member}", ParameterMember.DisplayNameOf(member));
            return null;
        }
    }

    public abstract object? GetValue(MemberInfo member, object instance);
}
