namespace Nuke.Common.Parameters;

/// <summary>
/// The build's argv: leading positional words are target names, then <c>--name value value ...</c> pairs
/// (<c>-name</c> and <c>--name=value</c> work too). Names compare ignoring case and dashes.
/// </summary>
internal sealed class CommandLineArguments
{
    private readonly Dictionary<string, (string Name, List<string> Values)> _named = new();

    private CommandLineArguments(IReadOnlyList<string> positional)
    {
        Positional = positional;
    }

    public IReadOnlyList<string> Positional { get; }

    public static CommandLineArguments Parse(IReadOnlyList<string> arguments)
    {
        var positional = arguments.TakeWhile(x => !IsName(x)).ToList();
        var result = new CommandLineArguments(positional);

        List<string>? current = null;
        foreach (var argument in arguments.Skip(positional.Count))
        {
            if (!IsName(argument))
            {
                current!.Add(argument);
                continue;
            }

            var name = argument.TrimStart('-');
            string? inlineValue = null;
            var equals = name.IndexOf('=');
            if (equals > 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }

            var key = ParameterNames.Normalize(name);
            if (!result._named.TryGetValue(key, out var entry))
                result._named[key] = entry = ($"--{name}", new List<string>());

            current = entry.Values;
            if (inlineValue != null)
                current.Add(inlineValue);
        }

        return result;
    }

    public bool Has(string name) => _named.ContainsKey(ParameterNames.Normalize(name));

    /// <summary>The values after <c>--name</c> (empty for a bare flag), or <c>null</c> when the name was not given.</summary>
    public IReadOnlyList<string>? Get(string name)
        => _named.TryGetValue(ParameterNames.Normalize(name), out var entry) ? entry.Values : null;

    /// <summary>The spelling the user typed, for messages.</summary>
    public string SpellingOf(string name)
        => _named.TryGetValue(ParameterNames.Normalize(name), out var entry) ? entry.Name : $"--{ParameterNames.Dashed(name)}";

    private static bool IsName(string argument)
        => argument.Length > 1 && argument[0] == '-' && !char.IsDigit(argument.TrimStart('-').FirstOrDefault());
}
