using System.Collections.Immutable;

namespace ArtifactRegistry.Testing.Processes;

/// <summary>
/// The environment a child program gets: the test process's own, less the variables that would let the developer's
/// machine leak into a test (another DOCKER_HOST, a personal gcloud config), plus the fixture's own settings.
/// </summary>
internal sealed record ChildEnvironment(
    ImmutableArray<string> ScrubbedPrefixes,
    ImmutableHashSet<string> KeptDespitePrefix,
    ImmutableDictionary<string, string> Variables)
{
    public static ChildEnvironment Inherited { get; } =
        new([], ImmutableHashSet<string>.Empty, ImmutableDictionary<string, string>.Empty);

    public ChildEnvironment Scrub(string prefix, params string[] except) =>
        this with { ScrubbedPrefixes = ScrubbedPrefixes.Add(prefix), KeptDespitePrefix = KeptDespitePrefix.Union(except) };

    public ChildEnvironment Set(string name, string value) => this with { Variables = Variables.SetItem(name, value) };

    public ChildEnvironment Set(IEnumerable<KeyValuePair<string, string>> variables) =>
        this with { Variables = Variables.SetItems(variables) };

    public void ApplyTo(IDictionary<string, string?> environment)
    {
        foreach (var (name, value) in Overrides(environment.Keys))
        {
            if (value is null)
                environment.Remove(name);
            else
                environment[name] = value;
        }
    }

    /// <summary>The changes to this process's environment, a null value removing a variable, as CliWrap takes them.</summary>
    public IReadOnlyDictionary<string, string?> Overrides() =>
        Overrides(Environment.GetEnvironmentVariables().Keys.Cast<string>());

    private Dictionary<string, string?> Overrides(IEnumerable<string> inherited)
    {
        var overrides = inherited
            .Where(name => ScrubbedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)) && !KeptDespitePrefix.Contains(name))
            .ToDictionary(name => name, _ => (string?)null);
        foreach (var (name, value) in Variables)
            overrides[name] = value;
        return overrides;
    }
}
