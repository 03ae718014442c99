namespace Nuke.Common.Help;

/// <summary>The parameters every build understands, as in NUKE.</summary>
internal static class BuiltInParameters
{
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        ("Help", "Shows the help text for this build assembly"),
        ("Profile", "Loads .nuke/parameters.<profile>.json on top of .nuke/parameters.json"),
        ("Root", "Root directory during build execution (default: where .nuke is found, walking up)"),
        ("Skip", "List of targets to be skipped. Empty list skips all dependencies"),
        ("Target", "List of targets to be invoked. Default is '{default}'"),
        ("Verbosity", "Logging verbosity during build execution. Default is 'Normal'. Values: Minimal, Normal, Quiet, Verbose")
    ];
}
