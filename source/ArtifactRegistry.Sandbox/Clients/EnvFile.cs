using System.Text;

namespace ArtifactRegistry.Sandbox.Clients;

/// <summary>
/// A shell-sourceable file (<c>export K='V'</c> lines, 0600) with everything a client needs to use the sandbox:
/// the endpoint overrides gcloud honours, a token, credentials, and the canonical-host map docker needs because it cannot
/// resolve <c>LOCATION-docker.pkg.dev</c> here.
/// </summary>
internal static class EnvFile
{
    public static string Render(IEnumerable<(string Name, string Value)> variables)
    {
        var builder = new StringBuilder();
        builder.AppendLine("# Artifact Registry sandbox. Load it with: source .nuke/temp/sandbox.env");
        builder.AppendLine("# Contains an access token and key file paths: keep it private.");
        foreach (var (name, value) in variables)
            builder.Append("export ").Append(name).Append('=').Append(Quote(value)).Append('\n');
        return builder.ToString();
    }

    /// <summary>The variable name for a principal's key file: the email's local part, upper case, <c>-</c> as <c>_</c>.</summary>
    public static string KeyVariable(string email, string? project = null) =>
        "ARTIFACT_REGISTRY_SANDBOX_KEY_" + Name(email[..email.IndexOf('@')]) + (project is null ? "" : "_" + Name(project));

    private static string Name(string text) => new(text.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
