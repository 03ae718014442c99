namespace ArtifactRegistry.Processes;

/// <summary>Collects the arguments of a <see cref="ProcessCommand"/>, each passed to the program verbatim.</summary>
public sealed class ArgumentsBuilder
{
    private readonly List<ProcessArgument> _arguments = [];

    /// <summary>Adds one argument, passed verbatim (no quoting, no shell).</summary>
    public ArgumentsBuilder Add(string argument)
    {
        _arguments.Add(new ProcessArgument(argument));
        return this;
    }

    /// <summary>Adds each argument, in order.</summary>
    public ArgumentsBuilder Add(IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
            Add(argument);
        return this;
    }

    /// <summary>Adds an argument that is shown as <c>[REDACTED]</c> and whose value is masked in logged output and error messages.</summary>
    /// <remarks>Another process on the machine can still read it from the process table: prefer standard input for tokens.</remarks>
    public ArgumentsBuilder AddSecret(string argument)
    {
        _arguments.Add(new ProcessArgument(argument, isSecret: true));
        return this;
    }

    internal IReadOnlyList<ProcessArgument> Build() => _arguments.ToArray();
}
