namespace Nuke.Common.Parameters;

internal sealed class CommandLineSource : IParameterSource
{
    private readonly CommandLineArguments _arguments;

    public CommandLineSource(CommandLineArguments arguments)
    {
        _arguments = arguments;
    }

    public RawParameterValue? Find(string parameterName, char? separator)
    {
        var values = _arguments.Get(parameterName);
        if (values == null)
            return null;

        var split = separator is { } character
            ? values.SelectMany(x => x.Split(character, StringSplitOptions.RemoveEmptyEntries)).ToList()
            : values;
        var spelling = _arguments.SpellingOf(parameterName);
        return new RawParameterValue(split, $"the command line ({spelling})", spelling);
    }
}
