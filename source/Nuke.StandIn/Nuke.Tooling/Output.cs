namespace Nuke.Common.Tooling;

/// <summary>One line a process wrote, and to which stream.</summary>
public struct Output
{
    public OutputType Type;
    public string Text;
}
