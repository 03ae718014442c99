namespace ArtifactRegistry.Auth;

/// <summary>A Google credential could not be loaded or could not produce an access token.</summary>
public sealed class GoogleCredentialException : Exception
{
    /// <summary>Creates the exception with a message that says what is wrong and the fix.</summary>
    public GoogleCredentialException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
