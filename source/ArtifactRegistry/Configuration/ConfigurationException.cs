namespace ArtifactRegistry.Configuration;

/// <summary>
/// The environment the library runs in is set up in a way it cannot use: an environment variable it reads (an endpoint
/// override, the registry host map) or a variables file. The message's first line says which variable or file and what is
/// wrong; the next say why and how to fix it. A file's values are never quoted, since they may be secrets.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception; <paramref name="origin"/> is the variable or file (with its line) at fault.</summary>
    public ConfigurationException(string origin, string message) : base(message) => Origin = origin;

    /// <summary>The environment variable, or the file and line, at fault.</summary>
    public string Origin { get; }
}
