namespace ArtifactRegistry.Processes;

/// <summary>Environment overrides for child programs (docker, its helpers, gcloud), with variables that carry secrets marked so they are redacted.</summary>
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
