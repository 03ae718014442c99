using System.Collections;

namespace ArtifactRegistry.Hints;

/// <summary>
/// The settings an exception's message names, kept with the exception (in <see cref="Exception.Data"/>) so a host can show them
/// under its own names: the host calls <see cref="ShowFor"/> and rethrows, and the message then reads <c>--image-tags or SetTags(…)</c>
/// where it read <c>SetTags(…)</c>. Only the library's exception types render them (their <c>Message</c> asks for the rendering).
/// </summary>
public static class SettingHints
{
    private const string SettingsKey = "ArtifactRegistry.Hints.Settings";
    private const string HostKey = "ArtifactRegistry.Hints.Host";

    /// <summary>The settings the exception's message names (none for an exception that names none).</summary>
    public static IReadOnlyList<SettingName> NamedBy(Exception exception) =>
        exception.Data[SettingsKey] as SettingName[] ?? [];

    /// <summary>
    /// Makes the message of <paramref name="exception"/> (and of its inner exceptions) show the settings under
    /// <paramref name="host"/>'s names. Call it where the host catches an operation's failure, then rethrow (<c>throw;</c>).
    /// </summary>
    public static void ShowFor(Exception exception, IHostSettingNames host)
    {
        ArgumentNullException.ThrowIfNull(host);
        for (var current = exception; current is not null; current = current.InnerException)
            if (current.Data[SettingsKey] is not null)
                current.Data[HostKey] = host;
    }

    /// <summary>Records that the message of <paramref name="exception"/> names <paramref name="settings"/>, each as <see cref="SettingName.ToString"/> writes it.</summary>
    internal static TException Naming<TException>(this TException exception, params SettingName[] settings) where TException : Exception
    {
        exception.Data[SettingsKey] = settings;
        return exception;
    }

    /// <summary>The message with each named setting shown as the host chosen by <see cref="ShowFor"/> names it; unchanged without a host.</summary>
    internal static string Render(Exception exception, string message) => Render(exception.Data, message);

    private static string Render(IDictionary data, string message)
    {
        if (data[HostKey] is not IHostSettingNames host || data[SettingsKey] is not SettingName[] settings)
            return message;
        foreach (var setting in settings.OrderByDescending(setting => setting.ToString().Length))
            message = message.Replace(setting.ToString(), host.Mention(setting), StringComparison.Ordinal);
        return message;
    }
}
