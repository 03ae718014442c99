namespace ArtifactRegistry.Processes;

/// <summary>Collects environment overrides of a <see cref="ProcessCommand"/>; the program inherits everything else from this process.</summary>
public sealed class EnvironmentBuilder
{
    private readonly Dictionary<string, EnvironmentVariableOverride> _overrides =
        new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private readonly List<string> _order = [];

    /// <summary>Sets a variable; a null value removes it.</summary>
    public EnvironmentBuilder Set(string name, string? value) => Put(new EnvironmentVariableOverride(name, value));

    /// <summary>Sets a variable whose value is shown as <c>[REDACTED]</c> and masked in logged output and error messages.</summary>
    public EnvironmentBuilder SetSecret(string name, string value) =>
        Put(new EnvironmentVariableOverride(name, value ?? throw new ArgumentNullException(nameof(value)), isSecret: true));

    /// <summary>Sets each variable; a null value removes it.</summary>
    public EnvironmentBuilder Set(IEnumerable<KeyValuePair<string, string?>> variables)
    {
        foreach (var (name, value) in variables)
            Set(name, value);
        return this;
    }

    /// <summary>Removes an inherited variable from the program's environment.</summary>
    public EnvironmentBuilder Remove(string name) => Put(new EnvironmentVariableOverride(name, null));

    private EnvironmentBuilder Put(EnvironmentVariableOverride variable)
    {
        if (_overrides.TryAdd(variable.Name, variable))
            _order.Add(variable.Name);
        else
            _overrides[variable.Name] = variable;
        return this;
    }

    internal IReadOnlyList<EnvironmentVariableOverride> Build() => _order.Select(name => _overrides[name]).ToArray();
}
