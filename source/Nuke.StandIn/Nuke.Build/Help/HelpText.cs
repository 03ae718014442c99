using Nuke.Common.Execution;
using Nuke.Common.Logging;
using Nuke.Common.Parameters;

namespace Nuke.Common.Help;

/// <summary>What <c>--help</c> prints: the listed targets (default marked, with descriptions and direct dependencies) and the parameters.</summary>
internal static class HelpText
{
    public static void Write(BuildOutput output, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var listed = targets.Where(x => x.Definition.IsListed).ToList();
        var targetColumn = listed.Select(x => TargetLabel(x).Length).DefaultIfEmpty(0).Max() + 4;

        output.WriteLine("Targets (with their direct dependencies):");
        output.WriteLine();
        foreach (var target in listed)
        {
            var dependencies = target.ExecutionDependencies.Count > 0
                ? $" -> {string.Join(", ", target.ExecutionDependencies.Select(x => x.Name))}"
                : string.Empty;
            var description = target.Definition.DescriptionText is { } text ? text.TrimEnd('.') + "." : string.Empty;
            output.WriteLine($"  {TargetLabel(target).PadRight(targetColumn)}{description}{dependencies}".TrimEnd());
        }

        var defaults = string.Join(" ", targets.Where(x => x.IsDefault).Select(x => x.Name));
        var own = parameters.Select(x => (Label: x.DashedName + (x.IsSecret ? " [secret]" : string.Empty), Description: Describe(x))).ToList();
        var builtIn = BuiltInParameters.All
            .Select(x => (Label: "--" + ParameterNames.Dashed(x.Name), Description: x.Description.Replace("{default}", defaults) + "."))
            .ToList();
        var parameterColumn = own.Concat(builtIn).Max(x => x.Label.Length) + 4;

        output.WriteLine();
        output.WriteLine("Parameters:");
        output.WriteLine();
        foreach (var (label, description) in own)
            output.WriteLine($"  {label.PadRight(parameterColumn)}{description}".TrimEnd());
        if (own.Count > 0)
            output.WriteLine();
        foreach (var (label, description) in builtIn)
            output.WriteLine($"  {label.PadRight(parameterColumn)}{description}");

        output.WriteLine();
        output.WriteLine("Parameters are read from the command line, then environment variables (IMAGE_NAME or NUKE_IMAGE_NAME for");
        output.WriteLine("--image-name), then .nuke/parameters.json and the files of --profile.");
    }

    private static string TargetLabel(ExecutableTarget target) => target.IsDefault ? $"{target.Name} (default)" : target.Name;

    private static string Describe(ParameterMember parameter)
    {
        var description = parameter.Description is { } text ? text + "." : string.Empty;
        var type = Nullable.GetUnderlyingType(parameter.ValueType) ?? parameter.ValueType;
        var values = type.IsEnum ? $" Values: {string.Join(", ", Enum.GetNames(type))}." : string.Empty;
        var required = parameter.IsRequired ? " Required." : string.Empty;
        return (description + values + required).Trim();
    }
}
