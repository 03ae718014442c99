namespace ArtifactRegistry.References;

/// <summary>
/// A text given as an image digest is not <c>sha256:</c> followed by 64 lowercase hex digits. The message says what is wrong
/// and, where it can, the corrected digest.
/// </summary>
public sealed class InvalidImageDigestException : FormatException
{
    internal InvalidImageDigestException(string input, string message) : base(message) => Input = input;

    /// <summary>The text that was refused.</summary>
    public string Input { get; }
}
