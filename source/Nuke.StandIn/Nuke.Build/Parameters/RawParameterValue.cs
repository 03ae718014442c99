namespace Nuke.Common.Parameters;

/// <summary>The text given for a parameter before conversion, and where it came from (for error messages).</summary>
internal sealed record RawParameterValue(IReadOnlyList<string> Values, string Origin);
