namespace Nuke.Common.Parameters;

/// <summary>One place parameter values come from: the command line, the environment or a parameters file.</summary>
internal interface IParameterSource
{
    RawParameterValue? Find(string parameterName, char? separator);
}
