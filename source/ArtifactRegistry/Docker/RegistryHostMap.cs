using ArtifactRegistry.Configuration;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Docker;

/// <summary>
/// Where docker should really talk for each canonical registry host. Artifact Registry images keep their canonical names
/// (<c>asia-docker.pkg.dev/…</c>) everywhere in the library; a local registry serving those names sets
/// <c>ARTIFACT_REGISTRY_HOST_MAP=asia-docker.pkg.dev=127.0.0.1:P1,us-docker.pkg.dev=127.0.0.1:P2</c> and only the docker
/// commands use the mapped address. Without the variable every host maps to itself.
/// </summary>
public sealed class RegistryHostMap
{
    /// <summary>The environment variable holding the map.</summary>
    public const string EnvironmentVariable = "ARTIFACT_REGISTRY_HOST_MAP";

    private readonly IReadOnlyDictionary<string, string> _entries;

    private RegistryHostMap(IReadOnlyDictionary<string, string> entries) => _entries = entries;

    /// <summary>The map that changes nothing (what production uses).</summary>
    public static RegistryHostMap Identity { get; } = new(new Dictionary<string, string>());

    /// <summary>Canonical host → actual host, for the hosts that are mapped.</summary>
    public IReadOnlyDictionary<string, string> Entries => _entries;

    /// <summary>Whether no host is mapped.</summary>
    public bool IsIdentity => _entries.Count == 0;

    /// <summary>The map of this process's environment.</summary>
    public static RegistryHostMap FromEnvironment() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Parses <c>HOST=ACTUAL[,HOST=ACTUAL…]</c>; blank means <see cref="Identity"/>.</summary>
    /// <exception cref="ConfigurationException">An entry is not of the form <c>HOST=ACTUAL</c>, or a host appears twice.</exception>
    public static RegistryHostMap Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Identity;

        var entries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !IsHost(parts[0]) || !IsHost(parts[1]))
                throw new ConfigurationException(EnvironmentVariable,
                    $"{EnvironmentVariable} has an entry '{entry}' that is not of the form CANONICAL_HOST=ACTUAL_HOST[:PORT].{Environment.NewLine}" +
                    $"Docker would not know where to send the images of that host.{Environment.NewLine}" +
                    $"Fix the variable (e.g. {EnvironmentVariable}=asia-docker.pkg.dev=127.0.0.1:5001,us-docker.pkg.dev=127.0.0.1:5002) or unset it to talk to the real hosts.");
            if (!entries.TryAdd(parts[0], parts[1]))
                throw new ConfigurationException(EnvironmentVariable,
                    $"{EnvironmentVariable} maps '{parts[0]}' twice.{Environment.NewLine}" +
                    $"A host can be sent to one address only, and the library does not guess which entry you meant.{Environment.NewLine}" +
                    $"Keep one entry for {parts[0]} in {EnvironmentVariable}.");
        }
        return new RegistryHostMap(entries);
    }

    /// <summary>The host docker should use for <paramref name="canonicalHost"/>.</summary>
    public string Resolve(string canonicalHost) => _entries.TryGetValue(canonicalHost, out var actual) ? actual : canonicalHost;

    /// <summary>
    /// Refuses an image whose host a configured map does not name: docker would leave the mapped registries for the real host,
    /// carrying credentials (and pushing images) meant for the mapped ones.
    /// </summary>
    /// <exception cref="ConfigurationException">The map is configured and lacks the image's host.</exception>
    internal void RequireMapped(ImageReference image)
    {
        if (IsIdentity || _entries.ContainsKey(image.Host))
            return;
        var mapped = _entries.Keys.Order(StringComparer.Ordinal).ToList();
        throw new ConfigurationException(EnvironmentVariable,
            $"The image's host {image.Host} is not in the registry host map ({ToString()}).{Environment.NewLine}" +
            $"Docker would talk to the real {image.Host} with the credentials and endpoints meant for the mapped registries.{Environment.NewLine}" +
            $"Use one of the mapped hosts (e.g. {mapped[0]}{image.Name[image.Host.Length..]}), add {image.Host} to the map, " +
            $"or unset {EnvironmentVariable} (and OperationContext.SetHostMap) to talk to the real hosts.");
    }

    /// <summary>The canonical host an actual host stands for (the reverse of <see cref="Resolve"/>).</summary>
    internal string CanonicalHostOf(string actualHost)
    {
        foreach (var (canonical, actual) in _entries)
            if (string.Equals(actual, actualHost, StringComparison.OrdinalIgnoreCase))
                return canonical;
        return actualHost;
    }

    /// <summary>The map in the form <see cref="Parse"/> reads.</summary>
    public override string ToString() => string.Join(",", _entries.Select(entry => $"{entry.Key}={entry.Value}"));

    private static bool IsHost(string value) =>
        value.Length > 0 && !value.Contains('/') && !value.Contains('=') && !value.Any(char.IsWhiteSpace);
}
