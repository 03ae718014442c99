namespace Nuke.Common.Execution;

/// <summary>The build cannot start as invoked (unknown target, cycle, missing requirement, no root). Each message line is shown as one error.</summary>
internal sealed class BuildFailure : Exception
{
    public BuildFailure(string message)
        : base(message)
    {
    }

    public BuildFailure(IEnumerable<string> messages)
        : base(string.Join(Environment.NewLine, messages))
    {
    }
}
