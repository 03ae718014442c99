namespace ArtifactRegistry.Hints;

/// <summary>
/// How one host (the NUKE components, the Cake aliases…) names the settings core messages mention, so an error shows the
/// user the flag or argument they actually type. A host hands it to <see cref="SettingHints.ShowFor"/> when an operation fails.
/// </summary>
public interface IHostSettingNames
{
    /// <summary>The host's name, e.g. <c>NUKE</c>.</summary>
    string Host { get; }

    /// <summary>The host's own name for the setting (a NUKE parameter such as <c>--image-tags</c>, a Cake argument), or null where it is set only in code.</summary>
    string? NameOf(SettingName setting);

    /// <summary>
    /// How a message shows the setting to this host's user: by default the host's name with the example, then the code form
    /// (<c>--workloads deployment/NAME or SetWorkloads(…)</c>); the code form alone where the host has no name for it.
    /// </summary>
    string Mention(SettingName setting) => NameOf(setting) is { } name
        ? $"{name}{(setting.Example is { } example ? " " + example : "")} or {setting.Setter}(…)"
        : setting.ToString();
}
