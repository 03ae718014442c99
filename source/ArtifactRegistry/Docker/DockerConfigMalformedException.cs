namespace ArtifactRegistry.Docker;

/// <summary>The docker config file cannot be understood; it is never overwritten in that state.</summary>
public sealed class DockerConfigMalformedException : Exception
{
    /// <summary>Creates the exception for <paramref name="configPath"/>; <paramref name="line"/> and <paramref name="column"/> (1-based) locate a JSON syntax error.</summary>
    public DockerConfigMalformedException(string configPath, string problem, long? line = null, long? column = null, Exception? innerException = null)
        : base(Describe(configPath, problem, line, column), innerException)
    {
        ConfigPath = configPath;
        Problem = problem;
        Line = line;
        Column = column;
    }

    /// <summary>The file that could not be read.</summary>
    public string ConfigPath { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Problem { get; }

    /// <summary>1-based line of the JSON error, when it is a syntax error.</summary>
    public long? Line { get; }

    /// <summary>1-based column (in bytes) of the JSON error, when it is a syntax error.</summary>
    public long? Column { get; }

    private static string Describe(string configPath, string problem, long? line, long? column)
    {
        var position = line is null ? "" : $" at line {line}, column {column}";
        return $"The docker config file '{configPath}' is not valid{position}: {problem} " +
               "It was left unchanged, and docker cannot read it either. " +
               $"Fix the JSON there (check it with: python3 -m json.tool '{configPath}'), " +
               "or move the file away to start from an empty docker configuration, then run again.";
    }
}
