using System.Reflection;

namespace Nuke.Common.Parameters;

/// <summary>
/// Writes resolved values into the build's own <c>[Parameter]</c> fields and properties (read-only ones included),
/// after its initializers ran, so a default like <c>= Configuration.Debug</c> stays when nothing is given or the value
/// does not convert. Component parameters are left to <c>TryGetValue</c>, which resolves them when first read, as in NUKE.
/// </summary>
internal static class ParameterInjector
{
    public static void Inject(NukeBuild build, IReadOnlyList<ParameterMember> parameters, ParameterResolver resolver)
    {
        foreach (var parameter in parameters)
        {
            if (parameter.IsComponentMember)
                continue;

            var value = resolver.TryGetValue(parameter.Member);
            if (value == null)
                continue;

            switch (parameter.Member)
            {
                case FieldInfo field:
                    field.SetValue(build, value);
                    break;
                case PropertyInfo { CanWrite: true } property:
                    property.SetValue(build, value);
                    break;
                case PropertyInfo property:
                    BackingFieldOf(property)?.SetValue(build, value);
                    break;
            }
        }
    }

    private static FieldInfo? BackingFieldOf(PropertyInfo property)
        => property.DeclaringType?.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);
}
