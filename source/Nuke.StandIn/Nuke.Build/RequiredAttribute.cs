namespace Nuke.Common;

/// <summary>The build does not start unless this parameter has a value.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public class RequiredAttribute : Attribute
{
}
