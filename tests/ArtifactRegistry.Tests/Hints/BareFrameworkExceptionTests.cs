using System.Text.RegularExpressions;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Tests.Hints;

/// <summary>
/// A user of NUKE sees the exception's type above its message and stack, so a user's mistake must carry one of the library's
/// own types (SettingsException, ConfigurationException, InvalidImageReferenceException…), never a bare ArgumentException,
/// FormatException or InvalidOperationException. Those stay for defects only; each remaining one is listed here with why.
/// </summary>
public partial class BareFrameworkExceptionTests
{
    /// <summary>File (under source/ArtifactRegistry) → how many bare throws it may hold, and why they are not user errors.</summary>
    private static readonly Dictionary<string, (int Count, string Why)> Allowed = new()
    {
        ["Registry/ArtifactRegistryClient.cs"] = (1, "a long-running operation the API returned without a name: a server defect"),
        ["Registry/VersionDeleter.cs"] = (1, "an unbounded rate limiter refused a permit: cannot happen"),
        ["Kubernetes/KubernetesErrors.cs"] = (1, "called with an exception that is no Kubernetes failure: a caller's defect"),
        ["Rollouts/ImageChange.cs"] = (1, "SetImage pins the image to a digest before it gets here"),
        ["Docker/DockerBuildCommand.cs"] = (1, "the builder is resolved before the command is made"),
        ["Auth/AccessToken.cs"] = (1, "a token source that returns a token expiring before it was issued: its defect"),
        ["Publishing/ArtifactRegistryPublishing.cs"] = (1, "the registry client is only used when verification is on"),
        ["Pruning/ManifestGraph.cs"] = (1, "manifests cannot reference each other in a cycle: their digests forbid it"),
        ["References/PackageIds.cs"] = (1, "package IDs come from the registry, escaped by it"),
        ["References/TagName.cs"] = (1, "a registry tag docker cannot name, reached only by code that skips IsDockerTag"),
        // ImageReference: TagName/VersionName of a reference without one (operations check HasTag/HasDigest first), WithTag with a
        // tag the operations validated before (InvalidImageTagException).
        ["References/ImageReference.cs"] = (3, "state and argument checks of the model that operations make before calling"),
        ["GitOps/KustomizationFile.cs"] = (1, "Deploy pins only images it pushed, which carry their digest"),
    };

    [GeneratedRegex(@"throw\s+new\s+(ArgumentException|FormatException|InvalidOperationException)\s*\(")]
    private static partial Regex BareThrow();

    [Test]
    public void No_file_throws_more_bare_framework_exceptions_than_its_listed_defects()
    {
        var source = Path.Combine(RepositoryRoot.Find(), "source", "ArtifactRegistry");
        var counts = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (File: Path.GetRelativePath(source, path).Replace(Path.DirectorySeparatorChar, '/'), Count: BareThrow().Count(File.ReadAllText(path))))
            .Where(file => file.Count > 0)
            .ToDictionary(file => file.File, file => file.Count);

        var unexpected = counts
            .Where(file => file.Value > (Allowed.TryGetValue(file.Key, out var allowed) ? allowed.Count : 0))
            .Select(file => $"{file.Key}: {file.Value} bare throw(s)")
            .ToList();
        Assert.That(unexpected, Is.Empty,
            "a user's mistake must raise the library's own exception type (SettingsException for a setting, ConfigurationException for " +
            "the environment, …) with what, why and the fix; a defect's bare throw must be listed in Allowed with why");

        var stale = Allowed.Where(entry => counts.GetValueOrDefault(entry.Key) < entry.Value.Count).Select(entry => entry.Key).ToList();
        Assert.That(stale, Is.Empty, "listed in Allowed with more throws than the file holds: lower the count");
    }

    [Test]
    public void The_scan_finds_a_bare_throw() =>
        Assert.That(BareThrow().Count("""throw new ArgumentException($"x", nameof(y)); : throw new FormatException (problem);"""), Is.EqualTo(2));
}
