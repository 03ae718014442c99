using System.Reflection;

namespace Nuke.Common.Execution;

/// <summary>
/// Finds a build's targets: <see cref="Target"/> properties of the class and its base classes, and of every component
/// interface it implements (targets written as default interface members). A class member wins over an interface
/// member of the same name, because it is that member's implementation.
/// </summary>
internal static class TargetDiscovery
{
    private const BindingFlags Members = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    public static IReadOnlyList<ExecutableTarget> Discover(NukeBuild build)
    {
        var buildType = build.GetType();
        var classProperties = BaseTypes(buildType)
            .SelectMany(type => type.GetProperties(Members).OrderBy(x => x.MetadataToken))
            .Where(x => x.PropertyType == typeof(Target) && !x.Name.Contains('.'))
            .DistinctBy(x => x.Name)
            .ToList();

        var componentProperties = buildType.GetInterfaces()
            .SelectMany(type => type.GetProperties(Members).OrderBy(x => x.MetadataToken))
            .Where(x => x.PropertyType == typeof(Target) && !x.Name.Contains('.'))
            .Where(x => classProperties.All(y => y.Name != x.Name))
            .ToList();

        var duplicate = componentProperties.GroupBy(x => x.Name).FirstOrDefault(x => x.Count() > 1);
        if (duplicate != null)
        {
            throw new BuildFailure(
                $"Target '{duplicate.Key}' is defined by several components ({string.Join(", ", duplicate.Select(x => x.DeclaringType!.Name))}); " +
                $"implement it once in {buildType.Name} to choose.");
        }

        return classProperties.Concat(componentProperties)
            .Select((property, index) => Create(build, property, index))
            .ToList();
    }

    private static ExecutableTarget Create(NukeBuild build, PropertyInfo property, int index)
    {
        var factory = (Target?) property.GetValue(build)
                      ?? throw new BuildFailure($"Target '{property.Name}' is null; define it as 'Target {property.Name} => _ => _ ...'.");
        var definition = new TargetDefinition(property.Name);
        factory(definition);
        return new ExecutableTarget(property.Name, property, factory, definition, index);
    }

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var current = type; current != null && current != typeof(NukeBuild); current = current.BaseType)
            yield return current;
    }
}
