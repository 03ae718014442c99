namespace Nuke.Common.Logging;

/// <summary>
/// NUKE 10.1's Serilog output templates (its Logging class): every log line, with the exception attached to it (type, message,
/// stack trace) on the lines after; and the short form of the warnings and errors repeated after the targets ran.
/// </summary>
internal static class OutputTemplates
{
    public const string Standard = "[{Level:u3}] {Message:l}{NewLine}{Exception}";

    /// <summary>What a terminal host uses: <see cref="Standard"/> after the time.</summary>
    public const string Timestamp = "{Timestamp:HH:mm:ss} " + Standard;

    public const string ErrorsAndWarnings = "[{Level:u3}] {ExecutingTarget}: {Message:l}{NewLine}";

    /// <summary>The property naming the running target (cut to 20 characters, as NUKE does), empty outside targets.</summary>
    public const string ExecutingTargetProperty = "ExecutingTarget";
}
