namespace ArtifactRegistry.Hints;

/// <summary>
/// An operation was given settings it cannot work with (a missing image, workloads, tags…). The message says what is missing
/// or wrong, why it matters, and the setting that fixes it, shown under the host's name where a host has one.
/// </summary>
public sealed class SettingsException : ArgumentException
{
    /// <summary>The message names <paramref name="settings"/> as <see cref="SettingName.ToString"/> writes them.</summary>
    public SettingsException(string message, params SettingName[] settings) : base(message) =>
        this.Naming(settings);

    /// <summary>The settings the message names.</summary>
    public IReadOnlyList<SettingName> Settings => SettingHints.NamedBy(this);

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);
}
