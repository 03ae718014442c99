namespace Nuke.Common.Parameters;

/// <summary>The text given for a parameter before conversion, and where it came from (for error messages).</summary>
/// <param name="CommandLineSpelling">The flag as typed (<c>--port</c>) when the value came from the command line.</param>
internal sealed record RawParameterValue(IReadOnlyList<string> Values, string Origin, string? CommandLineSpelling = null);
