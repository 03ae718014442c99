namespace Nuke.Common.Parameters;

/// <summary>A parameter was given a value that cannot be used; the message says which, where from and what is expected.</summary>
internal sealed class ParameterException : Exception
{
    public ParameterException(string message)
        : base(message)
    {
    }
}
