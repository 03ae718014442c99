using System.Text.RegularExpressions;
using ArtifactRegistry.Sandbox.Storage;

namespace ArtifactRegistry.Sandbox.Registry;

/// <summary>
/// A Docker repository name read the Artifact Registry way: <c>PROJECT/REPOSITORY/IMAGE…</c> (IMAGE may contain slashes;
/// a domain-scoped project <c>example.com:proj</c> appears as <c>example.com/proj</c>).
/// </summary>
internal sealed partial record ImageName(RepositoryName Repository, string Image)
{
    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*$")]
    private static partial Regex DockerName();

    /// <exception cref="RegistryError">NAME_INVALID: not a Docker name, or no REPOSITORY segment (the seed's first pitfall).</exception>
    public static ImageName Parse(string name, string location)
    {
        if (name.Length > 255 || !DockerName().IsMatch(name))
            throw new RegistryError(400, "NAME_INVALID", $"Invalid repository name \"{name}\": path components are lowercase letters, digits and separators (. _ -).");
        var segments = name.Split('/');
        var domainScoped = segments[0].Contains('.') && segments.Length >= 4;
        var projectSegments = domainScoped ? 2 : 1;
        if (segments.Length < projectSegments + 2)
            throw RegistryError.MissingImageName();
        var project = domainScoped ? segments[0] + ":" + segments[1] : segments[0];
        return new ImageName(
            new RepositoryName(project, location, segments[projectSegments]),
            string.Join('/', segments.Skip(projectSegments + 1)));
    }
}
