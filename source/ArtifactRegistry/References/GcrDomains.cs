using System.Diagnostics.CodeAnalysis;

namespace ArtifactRegistry.References;

/// <summary>
/// The Container Registry domains that Artifact Registry now serves. Each is an Artifact Registry repository
/// named after the domain, in a fixed multi-region: <c>gcr.io/P/IMG</c> is repository <c>gcr.io</c> in <c>us</c>.
/// </summary>
public static class GcrDomains
{
    private static readonly Dictionary<string, string> LocationByDomain = new(StringComparer.Ordinal)
    {
        ["gcr.io"] = "us",
        ["us.gcr.io"] = "us",
        ["eu.gcr.io"] = "europe",
        ["asia.gcr.io"] = "asia",
    };

    /// <summary><c>gcr.io</c>, <c>us.gcr.io</c>, <c>eu.gcr.io</c>, <c>asia.gcr.io</c>.</summary>
    public static IReadOnlyCollection<string> All => LocationByDomain.Keys;

    /// <summary>Whether <paramref name="host"/> is one of the gcr.io domains (exact, lowercase).</summary>
    public static bool IsGcrDomain(string host) => LocationByDomain.ContainsKey(host);

    /// <summary>The multi-region holding the repository that serves <paramref name="domain"/>.</summary>
    public static bool TryGetLocation(string domain, [NotNullWhen(true)] out string? locationId) =>
        LocationByDomain.TryGetValue(domain, out locationId);
}
