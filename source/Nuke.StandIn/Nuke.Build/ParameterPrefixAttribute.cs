namespace Nuke.Common;

/// <summary>Prefixes the names of a component's parameters: <c>[ParameterPrefix("Registry")]</c> turns <c>Host</c> into <c>--registry-host</c>.</summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public class ParameterPrefixAttribute : Attribute
{
    public ParameterPrefixAttribute(string prefix)
    {
        Prefix = prefix.EndsWith("Prefix", StringComparison.Ordinal) ? prefix[..^"Prefix".Length] : prefix;
    }

    public string Prefix { get; }
}
