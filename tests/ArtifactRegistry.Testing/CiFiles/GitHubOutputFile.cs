namespace ArtifactRegistry.Testing.CiFiles;

/// <summary>
/// Reads a <c>GITHUB_OUTPUT</c> file as the Actions runner reads it: line by line, a line with <c>=</c> before any <c>&lt;&lt;</c>
/// is <c>name=value</c>; one with <c>&lt;&lt;</c> first opens <c>name&lt;&lt;DELIMITER</c>, whose value is the following lines up to
/// the line that is exactly the delimiter (joined with line feeds); blank lines between entries are skipped; anything else, an
/// empty name or a missing delimiter line is the runner's error. A name set twice keeps the later value.
/// </summary>
public static class GitHubOutputFile
{
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var outputs = new Dictionary<string, string>();
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
                continue;
            var equals = line.IndexOf('=');
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            if (equals >= 0 && (heredoc < 0 || equals < heredoc))
            {
                var name = line[..equals];
                Require(name.Length > 0, $"Invalid format '{line}'");
                outputs[name] = line[(equals + 1)..];
            }
            else if (heredoc >= 0)
            {
                var name = line[..heredoc];
                var delimiter = line[(heredoc + 2)..];
                Require(name.Length > 0 && delimiter.Length > 0, $"Invalid format '{line}'");
                var value = new List<string>();
                var closed = false;
                for (i++; i < lines.Count; i++)
                {
                    if (lines[i] == delimiter)
                    {
                        closed = true;
                        break;
                    }
                    value.Add(lines[i]);
                }
                Require(closed, $"Invalid value. Matching delimiter not found '{delimiter}'");
                outputs[name] = string.Join('\n', value);
            }
            else
            {
                Require(false, $"Invalid format '{line}'");
            }
        }

        return outputs;
    }

    private static void Require(bool condition, string runnerError)
    {
        if (!condition)
            throw new FormatException("Unable to process file command 'output' successfully. " + runnerError);
    }
}
