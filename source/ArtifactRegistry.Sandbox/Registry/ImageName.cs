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
    public static ImageName Parse(string name, RegistryListener listener)
    {
        if (name.Length > 255 || !DockerName().IsMatch(name))
            throw new RegistryError(400, "NAME_INVALID", $"Invalid repository name \"{name}\": path components are lowercase letters, digits and separators (. _ -).");
        var segments = name.Split('/');
        var repositorySegments = listener.GcrRepository is null ? 1 : 0;
        var domainScoped = segments[0].Contains('.') && segments.Length >= 3 + repositorySegments;
        var projectSegments = domainScoped ? 2 : 1;
        if (segments.Length < projectSegments + repositorySegments + 1)
            throw listener.GcrRepository is null
                ? RegistryError.MissingImageName()
                : new RegistryError(400, "NAME_INVALID", $"Missing image name. Pushes should be of the form docker push {listener.CanonicalHost}/PROJECT-ID/IMAGE");
        var project = domainScoped ? segments[0] + ":" + segments[1] : segments[0];
        var repository = listener.GcrRepository ?? segments[projectSegments];
        return new ImageName(
            new RepositoryName(project, listener.Location, repository),
            string.Join('/', segments.Skip(projectSegments + repositorySegments)));
    }
}
