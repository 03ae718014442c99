using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Nuke.Common.Parameters;

namespace Nuke.Common.Execution;

/// <summary>
/// Checks, before any target runs, the <c>Requires</c> of every scheduled target and every <c>[Required]</c> parameter,
/// and says for each one that is missing how to give it a value.
/// </summary>
internal static partial class RequirementChecker
{
    public static IReadOnlyList<string> FindProblems(
        IEnumerable<ExecutableTarget> scheduled,
        IReadOnlyList<ParameterMember> parameters,
        NukeBuild build)
    {
        var problems = new List<string>();

        foreach (var parameter in parameters.Where(x => x.IsRequired))
        {
            if (IsMissing(ReadMember(parameter.Member, build)))
                problems.Add($"The parameter '{parameter.Name}' is marked [Required] and has no value: {parameter.HowToSet}.");
        }

        foreach (var target in scheduled)
        {
            var missingValues = 0;
            foreach (var requirement in target.Definition.ValueRequirements)
            {
                var problem = Evaluate(target, requirement, out var value) ?? (IsMissing(value) ? DescribeMissing(target, requirement) : null);
                if (problem != null)
                {
                    problems.Add(problem);
                    missingValues++;
                }
            }

            // Conditions usually read those values; with one missing they would only add noise.
            if (missingValues > 0)
                continue;

            foreach (var requirement in target.Definition.ConditionRequirements)
            {
                var problem = Evaluate(target, requirement, out var value)
                              ?? (value is false ? $"Target '{target.Name}' requires '{Render(requirement)}', which is false." : null);
                if (problem != null)
                    problems.Add(problem);
            }
        }

        return problems.Distinct().ToList();
    }

    private static string? Evaluate(ExecutableTarget target, LambdaExpression requirement, out object? value)
    {
        value = null;
        try
        {
            value = requirement.Compile().DynamicInvoke();
            return null;
        }
        catch (TargetInvocationException exception)
        {
            var inner = exception.InnerException ?? exception;
            return $"Target '{target.Name}' could not check the requirement '{Render(requirement)}': {inner.GetType().Name}: {inner.Message}";
        }
    }

    private static string DescribeMissing(ExecutableTarget target, LambdaExpression requirement)
    {
        var parameter = ExpressionMembers.TryGetMember(requirement) is { } member ? ParameterMember.From(member) : null;
        if (parameter == null)
            return $"Target '{target.Name}' requires '{Render(requirement)}' to have a value, but it has none.";

        var description = parameter.Description != null ? $" ({parameter.Description})" : string.Empty;
        return $"Target '{target.Name}' requires the parameter '{parameter.Name}'{description}, which has no value: {parameter.HowToSet}.";
    }

    private static bool IsMissing(object? value) => value is null || value is string { Length: 0 };

    private static object? ReadMember(MemberInfo member, NukeBuild build) => member switch
    {
        FieldInfo field => field.GetValue(build),
        PropertyInfo property => property.GetValue(build),
        _ => null
    };

    /// <summary><c>() => (value(Build).Replicas > 0)</c> → <c>Replicas > 0</c>.</summary>
    private static string Render(LambdaExpression expression)
    {
        var text = expression.Body.ToString();
        text = CapturedValue().Replace(text, string.Empty);
        text = Conversion().Replace(text, "$1");
        while (text.StartsWith('(') && text.EndsWith(')') && IsBalanced(text[1..^1]))
            text = text[1..^1];
        return text;
    }

    private static bool IsBalanced(string text)
    {
        var depth = 0;
        foreach (var character in text)
        {
            depth += character switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0)
                return false;
        }

        return depth == 0;
    }

    [GeneratedRegex(@"value\([^()]*\)\.")]
    private static partial Regex CapturedValue();

    [GeneratedRegex(@"Convert\(([^(),]*), [\w.`\[\]]+\)")]
    private static partial Regex Conversion();
}
