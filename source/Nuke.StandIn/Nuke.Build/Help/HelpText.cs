using System.Text;
using Nuke.Common.Execution;
using Nuke.Common.Logging;
using Nuke.Common.Parameters;

namespace Nuke.Common.Help;

/// <summary>
/// What <c>--help</c> prints, laid out as NUKE 10.1 lays it out (its HandleHelpRequestsAttribute): each listed target with
/// its direct dependencies and, on the next line, its description; then the build's parameters and the built-in ones,
/// descriptions wrapped before 90 columns.
/// </summary>
internal static class HelpText
{
    private const int WrapColumn = 90;

    public static void Write(BuildOutput output, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        output.WriteLine(TargetsText(targets));
        output.WriteLine(ParametersText(targets, parameters));
    }

    private static string TargetsText(IReadOnlyList<ExecutableTarget> targets)
    {
        var padding = Math.Max(targets.Select(x => x.Name.Length).DefaultIfEmpty(0).Max(), 20);
        var text = new StringBuilder();
        text.AppendLine("Targets (with their direct dependencies):");
        text.AppendLine();
        foreach (var target in targets.Where(x => x.Definition.IsListed))
        {
            var dependencies = target.ExecutionDependencies.Count > 0
                ? $" -> {string.Join(", ", target.ExecutionDependencies.Select(x => x.Name))}"
                : string.Empty;
            var entry = target.Name + (target.IsDefault ? " (default)" : string.Empty);
            text.AppendLine($"  {entry.PadRight(padding)}{dependencies}");
            if (!string.IsNullOrWhiteSpace(target.Definition.DescriptionText))
                text.AppendLine($"    {target.Definition.DescriptionText}");
        }

        return text.ToString();
    }

    private static string ParametersText(IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var defaults = targets.Where(x => x.IsDefault).Select(x => x.Name).ToList();
        var own = parameters.Select(x => (Name: ParameterNames.Dashed(x.Name), x.Description)).ToList();
        var builtIn = BuiltInParameters.All.Select(x => (Name: ParameterNames.Dashed(x.Name), Description: (string?) x.Description.TrimEnd('.'))).ToList();
        var padding = Math.Max(own.Concat(builtIn).Max(x => x.Name.Length), 16);

        var text = new StringBuilder();
        void Print((string Name, string? Description) parameter)
        {
            var description = Wrap(
                parameter.Description?.Replace("{default_target}", defaults.Count > 0 ? string.Join(", ", defaults) : "<none>").TrimEnd('.') + "."
                ?? "<no description>",
                padding);
            text.AppendLine($"  --{parameter.Name.PadRight(padding)}  {description[0]}");
            foreach (var line in description.Skip(1))
                text.AppendLine($"{new string(' ', padding + 6)}{line}");
        }

        text.AppendLine("Parameters:");
        if (own.Count > 0)
            text.AppendLine();
        own.ForEach(Print);
        text.AppendLine();
        builtIn.ForEach(Print);
        return text.ToString();
    }

    /// <summary>NUKE's word wrap: each line starts with a space before its first word.</summary>
    private static List<string> Wrap(string text, int padding)
    {
        var lines = new List<string> { string.Empty };
        foreach (var word in text.Split(' '))
        {
            if (padding + 6 + lines[^1].Length + word.Length > WrapColumn)
                lines.Add(string.Empty);
            lines[^1] = $"{lines[^1]} {word}";
        }

        return lines;
    }
}
