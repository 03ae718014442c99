namespace Nuke.Common.Tooling;

public enum OutputType
{
    Std,
    Err
}
