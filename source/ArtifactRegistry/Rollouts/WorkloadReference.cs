using ArtifactRegistry.Hints;
using System.Diagnostics.CodeAnalysis;

namespace ArtifactRegistry.Rollouts;

/// <summary>A workload as kubectl writes it: <c>deployment/api</c>, <c>statefulset/db</c>, <c>daemonset/agent</c> (and kubectl's short forms, <c>deploy/api</c>).</summary>
public sealed record WorkloadReference(WorkloadKind Kind, string Name)
{
    /// <exception cref="SettingsException">Not <c>KIND/NAME</c> with a supported kind and a valid object name; the message shows the accepted forms.</exception>
    public static WorkloadReference Parse(string text) =>
        TryParse(text, out var reference, out var problem) ? reference
        : throw new SettingsException($"{problem}{Environment.NewLine}Name the workload as kubectl does, with {SettingNames.Workloads.With("deployment/NAME")}.",
            SettingNames.Workloads.With("deployment/NAME"));

    /// <summary>Parses <c>KIND/NAME</c>; false, with the reason and the accepted forms in <paramref name="problem"/>, when the text is not one.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out WorkloadReference? reference, [NotNullWhen(false)] out string? problem)
    {
        reference = null;
        var trimmed = text?.Trim() ?? "";
        var slash = trimmed.IndexOf('/');
        if (slash < 0)
        {
            problem = trimmed.Length == 0
                ? $"The workload is empty. {Accepted}"
                : $"Workload '{trimmed}' does not say its kind. {Accepted}, so e.g. deployment/{trimmed}.";
            return false;
        }

        var kindText = trimmed[..slash];
        var name = trimmed[(slash + 1)..];
        if (WorkloadKinds.FromText(kindText) is not { } kind)
        {
            problem = $"Workload '{trimmed}' has kind '{kindText}', which SetImage cannot roll out. {Accepted}.";
            return false;
        }
        if (FindNameViolation(name) is { } violation)
        {
            problem = $"Workload '{trimmed}' has an invalid name: {violation}.";
            return false;
        }

        reference = new WorkloadReference(kind, name);
        problem = null;
        return true;
    }

    private const string Accepted = "Write the workload as deployment/NAME, statefulset/NAME or daemonset/NAME";

    /// <summary>Object names are DNS-1123 subdomains: lowercase letters, digits, '-' and '.', starting and ending alphanumeric, at most 253 characters.</summary>
    private static string? FindNameViolation(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (name.Length > 253) return $"it has {name.Length} characters, at most 253 are allowed";
        var invalid = name.Where(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')).Distinct().ToList();
        if (invalid.Count > 0)
            return $"'{name}' contains {string.Join(", ", invalid.Select(c => $"'{c}'"))}; names use lowercase letters, digits, '-' and '.'";
        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
            return $"'{name}' must start and end with a letter or digit";
        return null;
    }

    /// <summary><c>deployment/api</c>.</summary>
    public override string ToString() => $"{Kind.CommandName()}/{Name}";
}
