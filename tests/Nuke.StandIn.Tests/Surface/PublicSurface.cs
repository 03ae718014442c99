using System.Reflection;
using System.Runtime.CompilerServices;

namespace Nuke.StandIn.Tests.Surface;

/// <summary>
/// The public (and protected) surface of an assembly as one line per type and per member, in a C#-like form that can be
/// compared with NUKE's sources by eye: <c>Nuke.Build | Nuke.Common.ITargetDefinition | ITargetDefinition Unlisted()</c>.
/// Nullability is left out (NUKE's sources do not annotate it); parameter names, defaults and constraints are kept,
/// because a caller's source depends on them.
/// </summary>
internal static class PublicSurface
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IEnumerable<string> Of(Assembly assembly)
    {
        var name = assembly.GetName().Name;
        foreach (var type in assembly.GetExportedTypes())
        {
            yield return $"{name} | {TypeLine(type)}";
            if (typeof(Delegate).IsAssignableFrom(type))
                continue;
            foreach (var member in type.GetMembers(Declared).Where(IsVisible).Select(MemberLine).OfType<string>())
                yield return $"{name} | {type.FullName} | {member}";
        }
    }

    private static string TypeLine(Type type)
    {
        if (typeof(Delegate).IsAssignableFrom(type))
        {
            var invoke = type.GetMethod("Invoke")!;
            return $"delegate {Name(invoke.ReturnType)} {type.Namespace}.{GenericName(type)}({Parameters(invoke)})";
        }

        if (type.IsEnum)
            return $"enum {type.FullName} {{ {string.Join(", ", Enum.GetNames(type).Select(x => $"{x} = {Convert.ToInt64(Enum.Parse(type, x))}"))} }}";

        var kind = type switch
        {
            { IsInterface: true } => "interface",
            { IsValueType: true } => "struct",
            { IsAbstract: true, IsSealed: true } => "static class",
            { IsAbstract: true } => "abstract class",
            { IsSealed: true } => "sealed class",
            _ => "class"
        };
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType))
            bases.Add(Name(baseType));
        // Interfaces the type adds, not those its base class brings.
        bases.AddRange(type.GetInterfaces().Except(type.BaseType?.GetInterfaces() ?? []).Where(x => x.IsPublic || x.IsNestedPublic)
            .Select(Name).Order(StringComparer.Ordinal));
        return $"{kind} {type.Namespace}.{GenericName(type)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : "")}";
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        // Property and event accessors are listed with their property or event; operators and constructors are listed.
        MethodBase method => IsCallable(method) &&
                             (!method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal) || method is ConstructorInfo),
        FieldInfo field => !field.IsPrivate && !field.IsAssembly && !field.IsFamilyAndAssembly && !field.IsSpecialName,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsCallable),
        EventInfo => true,
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily,
        _ => false
    };

    private static bool IsCallable(MethodBase method) => !method.IsPrivate && !method.IsAssembly && !method.IsFamilyAndAssembly;

    private static string? MemberLine(MemberInfo member) => member switch
    {
        ConstructorInfo constructor when constructor.IsStatic => null,
        ConstructorInfo constructor => $"{Access(constructor)}ctor({Parameters(constructor)})",
        MethodInfo method => $"{Access(method)}{Modifiers(method)}{Name(method.ReturnType)} {method.Name}{TypeParameters(method)}({Parameters(method)}){Constraints(method)}",
        PropertyInfo property => PropertyLine(property),
        FieldInfo field => $"{(field.IsFamily ? "protected " : "")}{(field.IsLiteral ? "const " : field.IsStatic ? "static " : "")}{(field.IsInitOnly ? "readonly " : "")}" +
                           $"{Name(field.FieldType)} {field.Name}{(field.IsLiteral ? $" = {Literal(field.GetRawConstantValue())}" : "")}",
        EventInfo @event => $"event {Name(@event.EventHandlerType!)} {@event.Name}",
        Type nested => $"nested {TypeLine(nested)}",
        _ => null
    };

    private static string PropertyLine(PropertyInfo property)
    {
        var accessors = property.GetAccessors(nonPublic: true).Where(IsCallable).ToList();
        var first = accessors[0];
        var parts = new List<string>();
        if (property.GetMethod is { } getter && IsCallable(getter))
            parts.Add($"{(getter.IsFamily && !first.IsFamily ? "protected " : "")}get;");
        if (property.SetMethod is { } setter && IsCallable(setter))
            parts.Add($"{(setter.IsFamily && !first.IsFamily ? "protected " : "")}{(setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) ? "init" : "set")};");
        var indexer = property.GetIndexParameters() is { Length: > 0 } index ? $"this[{string.Join(", ", index.Select(Parameter))}]" : property.Name;
        return $"{Access(first)}{Modifiers(first)}{Name(property.PropertyType)} {indexer} {{ {string.Join(" ", parts)} }}";
    }

    private static string Access(MethodBase method) => method.IsFamily || method.IsFamilyOrAssembly ? "protected " : "";

    private static string Modifiers(MethodInfo method)
    {
        if (method.DeclaringType!.IsInterface)
            return method.IsStatic ? "static " : "";
        if (method.IsStatic)
            return "static ";
        if (method.IsAbstract)
            return "abstract ";
        if (method.IsVirtual && !method.IsFinal)
            return method.GetBaseDefinition() != method ? "override " : "virtual ";
        return "";
    }

    private static string Parameters(MethodBase method)
    {
        var extension = method.IsDefined(typeof(ExtensionAttribute)) ? "this " : "";
        return extension + string.Join(", ", method.GetParameters().Select(Parameter));
    }

    private static string Parameter(ParameterInfo parameter)
    {
        var attributes = parameter.GetCustomAttribute<CallerArgumentExpressionAttribute>() is { } caller
            ? $"[CallerArgumentExpression({caller.ParameterName})] "
            : "";
        var modifier = parameter.IsDefined(typeof(ParamArrayAttribute)) ? "params "
            : parameter.IsOut ? "out "
            : parameter.ParameterType.IsByRef ? parameter.IsIn ? "in " : "ref "
            : "";
        var type = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        var defaultValue = parameter.HasDefaultValue ? $" = {Literal(parameter.RawDefaultValue)}" : "";
        return $"{attributes}{modifier}{Name(type)} {parameter.Name}{defaultValue}";
    }

    private static string TypeParameters(MethodInfo method)
        => method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(x => x.Name))}>" : "";

    private static string Constraints(MethodInfo method)
    {
        if (!method.IsGenericMethodDefinition)
            return "";

        var clauses = method.GetGenericArguments().Select(argument =>
        {
            var constraints = new List<string>();
            var attributes = argument.GenericParameterAttributes;
            if (attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
                constraints.Add("struct");
            else if (attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint))
                constraints.Add("class");
            constraints.AddRange(argument.GetGenericParameterConstraints().Where(x => x != typeof(ValueType)).Select(Name));
            if (attributes.HasFlag(GenericParameterAttributes.DefaultConstructorConstraint) &&
                !attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint))
                constraints.Add("new()");
            return constraints.Count > 0 ? $" where {argument.Name} : {string.Join(", ", constraints)}" : "";
        });
        return string.Concat(clauses);
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!
    };

    private static string GenericName(Type type)
        => type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>" : type.Name;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(char)] = "char", [typeof(int)] = "int", [typeof(long)] = "long", [typeof(double)] = "double",
        [typeof(decimal)] = "decimal", [typeof(byte)] = "byte"
    };

    private static string Name(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword))
            return keyword;
        if (type.IsGenericParameter)
            return type.Name;
        if (type.IsArray)
            return Name(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Name(underlying) + "?";
        return GenericName(type);
    }
}
