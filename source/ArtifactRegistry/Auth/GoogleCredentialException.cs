namespace ArtifactRegistry.Auth;

/// <summary>A Google credential could not be loaded or could not produce an access token.</summary>
public sealed class GoogleCredentialException : Exception
{
    public GoogleCredentialException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
