using Serilog;

namespace Nuke.Common.Parameters;

/// <summary>
/// Environment variables named like the parameter, ignoring case and underscores, with or without a <c>NUKE_</c> prefix:
/// <c>ImageName</c> is found in <c>IMAGE_NAME</c>, <c>imagename</c> or <c>NUKE_IMAGE_NAME</c>.
/// </summary>
internal sealed class EnvironmentSource : IParameterSource
{
    private readonly IReadOnlyDictionary<string, string> _variables;

    public EnvironmentSource(IReadOnlyDictionary<string, string> variables)
    {
        _variables = variables;
    }

    public RawParameterValue? Find(string parameterName, char? separator)
    {
        if (!_variables.TryGetValue(parameterName, out var value))
        {
            var wanted = ParameterNames.Normalize(parameterName);
            var matches = _variables
                .Where(x => ParameterNames.Normalize(x.Key) == wanted || ParameterNames.Normalize(x.Key) == "nuke" + wanted)
                .ToList();

            if (matches.Count > 1)
            {
                Log.Warning("Ignoring the environment variables {Variables} for parameter {Parameter}: they disagree about which one counts",
                    string.Join(", ", matches.Select(x => x.Key)), parameterName);
                return null;
            }

            if (matches.Count == 0)
                return null;

            (parameterName, value) = matches[0];
        }

        // An empty variable is how shells and CI systems say "not set".
        if (value.Length == 0)
            return null;

        var values = separator is { } character
            ? value.Split(character, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [value];
        return new RawParameterValue(values, $"the environment variable {parameterName}");
    }
}
