using System.Collections;

namespace Nuke.Common.Execution;

/// <summary>Everything a run reads from outside: arguments, environment, working directory, and where output goes.</summary>
internal sealed record BuildInvocation(
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> EnvironmentVariables,
    string WorkingDirectory,
    TextWriter Output)
{
    public static BuildInvocation FromCurrentProcess()
    {
        var variables = Environment.GetEnvironmentVariables()
            .Cast<DictionaryEntry>()
            .ToDictionary(x => (string) x.Key, x => (string?) x.Value ?? string.Empty);

        return new BuildInvocation(
            Environment.GetCommandLineArgs().Skip(1).ToList(),
            variables,
            Directory.GetCurrentDirectory(),
            Console.Out);
    }
}
