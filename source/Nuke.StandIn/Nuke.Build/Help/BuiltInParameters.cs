namespace Nuke.Common.Help;

/// <summary>
/// The parameters every build understands, with NUKE 10.1's descriptions (its NukeBuild members). NUKE has a few more
/// (Continue, Host, NoLogo, Partition, Plan) that the stand-in does not implement, so it does not list them.
/// </summary>
internal static class BuiltInParameters
{
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        ("Help", "Shows the help text for this build assembly."),
        ("Profile", "Defines the profiles to load."),
        ("Root", "Root directory during build execution."),
        ("Skip", "List of targets to be skipped. Empty list skips all dependencies."),
        ("Target", "List of targets to be invoked. Default is '{default_target}'."),
        ("Verbosity", "Logging verbosity during build execution. Default is 'Normal'.")
    ];
}
