using Nuke.Common.Logging;

namespace Nuke.Common.Parameters;

/// <summary>Which parameter a value belongs to and where it came from; renders the start of an error message.</summary>
internal sealed record ValueOrigin(string Name, string Source, bool IsSecret, string? CommandLineSpelling = null)
{
    public static ValueOrigin Of(string name, RawParameterValue raw, bool isSecret) => new(name, raw.Origin, isSecret, raw.CommandLineSpelling);

    /// <summary><c>Parameter 'Port' got 'abc' from the command line (--port)</c>; a secret's value is never shown.</summary>
    public string Describe(string value)
        => $"Parameter '{Name}' got '{(IsSecret ? SecretMasker.Redacted : value)}' from {Source}";
}
