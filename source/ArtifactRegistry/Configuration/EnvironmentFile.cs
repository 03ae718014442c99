using System.Text;

namespace ArtifactRegistry.Configuration;

/// <summary>
/// Reads a shell-sourceable variables file (what <c>source FILE</c> would set): <c>export NAME='value'</c>
/// or <c>NAME=value</c> lines, <c>#</c> comments, single quotes (with the <c>'\''</c> escape) and double quotes.
/// Nothing is executed and nothing is expanded.
/// </summary>
internal static class EnvironmentFile
{
    /// <exception cref="ConfigurationException">The file does not exist.</exception>
    /// <exception cref="ConfigurationException">A line is not an assignment; the message names the file and line (never a value).</exception>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new ConfigurationException(path,
                $"The environment file '{path}' does not exist.{Environment.NewLine}" +
                $"Its variables were to be set for the operation, which cannot run as configured without them " +
                $"(a relative path is read from {Directory.GetCurrentDirectory()}).{Environment.NewLine}" +
                "Give the path of an existing file to SetEnvironmentFile, or create the file.");
        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyDictionary<string, string> Parse(string text, string source = "(text)")
    {
        ArgumentNullException.ThrowIfNull(text);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith("export ", StringComparison.Ordinal))
                line = line["export ".Length..].TrimStart();
            var equals = line.IndexOf('=');
            var name = equals > 0 ? line[..equals] : "";
            if (!IsName(name))
                throw Malformed(source, lineNumber, "is not an assignment",
                    "Each line must be NAME=value or export NAME='value' (a # starts a comment); the file is read, not run by a shell.",
                    "Make the line an assignment, start it with # to keep it as a comment, or delete it.");
            variables[name] = Unquote(line[(equals + 1)..], source, lineNumber);
        }
        return variables;
    }

    private static string Unquote(string value, string source, int lineNumber)
    {
        var result = new StringBuilder();
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (c == '\'')
            {
                var end = value.IndexOf('\'', i + 1);
                if (end < 0)
                    throw Malformed(source, lineNumber, "opens a single quote it does not close",
                        "A quoted value ends at its closing quote on the same line; multi-line values are not read.",
                        @"Close the quote on that line; write a quote inside a single-quoted value as '\''.");
                result.Append(value, i + 1, end - i - 1);
                i = end + 1;
            }
            else if (c == '"')
            {
                i++;
                while (i < value.Length && value[i] != '"')
                {
                    if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] is '"' or '\\' or '$' or '`')
                        i++;
                    result.Append(value[i]);
                    i++;
                }
                if (i >= value.Length)
                    throw Malformed(source, lineNumber, "opens a double quote it does not close",
                        "A quoted value ends at its closing quote on the same line; multi-line values are not read.",
                        @"Close the quote on that line; write a quote inside a double-quoted value as \"".");
                i++;
            }
            else if (c == '\\' && i + 1 < value.Length)
            {
                result.Append(value[i + 1]);
                i += 2;
            }
            else if (char.IsWhiteSpace(c) || c == '#')
            {
                break; // an unquoted value ends at blank space; the rest is a comment
            }
            else
            {
                result.Append(c);
                i++;
            }
        }
        return result.ToString();
    }

    private static ConfigurationException Malformed(string source, int lineNumber, string what, string why, string fix) =>
        new($"{source}, line {lineNumber}", $"The environment file {source}, line {lineNumber}, {what}.{Environment.NewLine}{why}{Environment.NewLine}{fix}");

    private static bool IsName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
