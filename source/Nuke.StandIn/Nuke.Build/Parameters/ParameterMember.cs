using System.Reflection;

namespace Nuke.Common.Parameters;

/// <summary>A field or property marked <c>[Parameter]</c>, with the names it is known by.</summary>
internal sealed class ParameterMember
{
    public ParameterMember(MemberInfo member, ParameterAttribute attribute)
    {
        Member = member;
        Attribute = attribute;
        var prefix = member.DeclaringType?.GetCustomAttribute<ParameterPrefixAttribute>()?.Prefix;
        Name = prefix + (attribute.Name ?? member.Name);
        ValueType = member switch
        {
            FieldInfo field => field.FieldType,
            PropertyInfo property => property.PropertyType,
            _ => throw new ArgumentException($"{member.Name} is neither a field nor a property.")
        };
    }

    public MemberInfo Member { get; }

    public ParameterAttribute Attribute { get; }

    /// <summary>The name with the component's prefix, e.g. <c>RegistryHost</c>.</summary>
    public string Name { get; }

    public string DashedName => "--" + ParameterNames.Dashed(Name);

    public string EnvironmentName => ParameterNames.Environment(Name);

    public Type ValueType { get; }

    public string? Description => Attribute.Description?.TrimEnd('.');

    public bool IsSecret => Member.GetCustomAttribute<SecretAttribute>() != null;

    public bool IsRequired => Member.GetCustomAttribute<RequiredAttribute>() != null;

    public char? Separator => string.IsNullOrEmpty(Attribute.Separator) ? null : Attribute.Separator[0];

    public bool IsComponentMember => Member.DeclaringType?.IsInterface == true;

    /// <summary>How to give the parameter a value, for messages: the flag, the variable and the file.</summary>
    public string HowToSet
        => $"pass {DashedName} <value>, or set the environment variable {EnvironmentName}, or add \"{Name}\": \"<value>\" to .nuke/parameters.json";

    /// <summary>How NUKE names a member in messages: <c>Build.Port</c>, <c>Outer.Build.Port</c> for a nested type.</summary>
    public static string DisplayNameOf(MemberInfo member)
    {
        var types = new List<string>();
        for (var type = member.DeclaringType; type != null; type = type.DeclaringType)
            types.Insert(0, type.Name);
        return string.Join(".", types.Append(member.Name.Split('.')[^1]));
    }

    public static ParameterMember? From(MemberInfo member)
        => member.GetCustomAttribute<ParameterAttribute>() is { } attribute ? new ParameterMember(member, attribute) : null;
}
