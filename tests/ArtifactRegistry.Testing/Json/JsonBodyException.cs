namespace ArtifactRegistry.Testing.Json;

/// <summary>A JSON body lacks what a test reads from it; the message names the field and shows the body.</summary>
public sealed class JsonBodyException(string message, Exception? inner = null) : Exception(message, inner);
