using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Docker;

/// <summary>Environment overrides for docker and its helpers, with variables that carry secrets marked so they are redacted.</summary>
internal static class ChildEnvironment
{
    private static readonly string[] SecretMarkers = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL_DATA"];

    public static bool IsSecret(string name) =>
        SecretMarkers.Any(marker => name.Contains(marker, StringComparison.OrdinalIgnoreCase)) && !name.EndsWith("_FILE", StringComparison.OrdinalIgnoreCase);

    public static void Apply(EnvironmentBuilder builder, IReadOnlyDictionary<string, string?> variables)
    {
        foreach (var (name, value) in variables)
        {
            if (value is not null && IsSecret(name))
                builder.SetSecret(name, value);
            else
                builder.Set(name, value);
        }
    }
}
