using System.Globalization;
using System.Text.Json;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// How a container of an image behaves in the simulated kubelet, read from labels in the image config (set them with
/// <c>LABEL</c> in a Dockerfile or <c>docker build --label</c>):
/// <c>sandbox.crash=true</c> makes the container exit shortly after it starts (CrashLoopBackOff, restart count, log lines),
/// <c>sandbox.exit-code=N</c> picks the exit code (default 1), and <c>sandbox.start-delay=5s</c> delays its readiness.
/// </summary>
internal sealed record ImageTraits(bool Crash, int ExitCode, TimeSpan StartDelay)
{
    public const string CrashLabel = "sandbox.crash";
    public const string ExitCodeLabel = "sandbox.exit-code";
    public const string StartDelayLabel = "sandbox.start-delay";

    public static ImageTraits Normal { get; } = new(false, 1, TimeSpan.Zero);

    public static ImageTraits FromConfig(ReadOnlySpan<byte> configJson)
    {
        try
        {
            var reader = new Utf8JsonReader(configJson);
            using var document = JsonDocument.ParseValue(ref reader);
            if (!document.RootElement.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object
                || !config.TryGetProperty("Labels", out var labels) || labels.ValueKind != JsonValueKind.Object)
                return Normal;
            string? Label(string name) => labels.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new ImageTraits(
                string.Equals(Label(CrashLabel), "true", StringComparison.OrdinalIgnoreCase),
                int.TryParse(Label(ExitCodeLabel), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : 1,
                ParseDuration(Label(StartDelayLabel)) ?? TimeSpan.Zero);
        }
        catch (JsonException)
        {
            return Normal;
        }
    }

    /// <summary>Go-style durations: <c>500ms</c>, <c>5s</c>, <c>1m30s</c>, <c>1h</c>.</summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var total = TimeSpan.Zero;
        var i = 0;
        text = text.Trim();
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                i++;
            if (start == i || !double.TryParse(text[start..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                return null;
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
                i++;
            total += text[unitStart..i] switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                _ => TimeSpan.MinValue,
            };
            if (total < TimeSpan.Zero)
                return null;
        }

        return total;
    }
}
