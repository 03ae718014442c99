using System.Globalization;

namespace ArtifactRegistry.Sandbox.Http;

/// <summary>Timestamps as Google's JSON mapping writes them: RFC 3339, UTC, fractional seconds.</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
