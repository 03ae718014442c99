namespace Nuke.Common;

/// <summary>The parameter's value is replaced by <c>[REDACTED]</c> wherever it would appear in the build's output.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public class SecretAttribute : Attribute
{
}
