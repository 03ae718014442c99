using System.Reflection;

namespace Nuke.Common.Parameters;

/// <summary>Finds the <c>[Parameter]</c> members of a build: its own (and its base classes') and its components'.</summary>
internal static class ParameterDiscovery
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<ParameterMember> Find(Type buildType)
    {
        var classMembers = BaseTypes(buildType)
            .SelectMany(type => type.GetFields(Members).Cast<MemberInfo>().Concat(type.GetProperties(Members)))
            .Where(x => !x.Name.Contains('.'))
            .OrderBy(x => x.MetadataToken);

        var componentMembers = buildType.GetInterfaces()
            .SelectMany(type => type.GetProperties(Members))
            .OrderBy(x => x.DeclaringType!.Name).ThenBy(x => x.MetadataToken);

        return classMembers.Concat(componentMembers)
            .Select(ParameterMember.From)
            .OfType<ParameterMember>()
            .DistinctBy(x => ParameterNames.Normalize(x.Name))
            .ToList();
    }

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var current = type; current != null && current != typeof(NukeBuild); current = current.BaseType)
            yield return current;
    }
}
