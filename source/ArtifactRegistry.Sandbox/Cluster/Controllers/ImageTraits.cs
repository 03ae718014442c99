using System.Globalization;
using System.Text.Json;

namespace ArtifactRegistry.Sandbox.Cluster.Controllers;

/// <summary>
/// How a container of an image behaves in the simulated kubelet, read from labels in the image config (set them with
/// <c>LABEL</c> in a Dockerfile or <c>docker build --label</c>):
/// <c>sandbox.crash=true</c> makes the container exit shortly after it starts (CrashLoopBackOff, restart count, log lines),
/// <c>sandbox.exit-code=N</c> picks the exit code (default 1), and <c>sandbox.start-delay=5s</c> delays its readiness.
/// The config's platform and program also count: a node whose architecture differs cannot execute the program
/// (<c>exec format error</c>), as on a real node, since containerd pulls a single-platform image without checking it.
/// </summary>
internal sealed record ImageTraits(bool Crash, int ExitCode, TimeSpan StartDelay)
{
    /// <summary>The config's <c>os/architecture[/variant]</c>, e.g. <c>linux/amd64</c>; null when the config names none.</summary>
    public string? Platform { get; init; }

    /// <summary>What the container executes first: the entrypoint's first word, else the command's.</summary>
    public string Program { get; init; } = "/bin/sh";

    /// <summary>Set by the pulling node when the image was built for an architecture it cannot execute.</summary>
    public bool ForeignArchitecture { get; init; }

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
            var root = document.RootElement;
            string? Text(JsonElement element, string name) =>
                element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            string? First(JsonElement element, string name) =>
                element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0
                && v[0].ValueKind == JsonValueKind.String ? v[0].GetString() : null;
            var platform = Text(root, "architecture") is { Length: > 0 } architecture
                ? $"{Text(root, "os") ?? "linux"}/{architecture}{(Text(root, "variant") is { Length: > 0 } variant ? "/" + variant : "")}"
                : null;
            var hasConfig = root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object;
            var basics = Normal with { Platform = platform, Program = (hasConfig ? First(config, "Entrypoint") ?? First(config, "Cmd") : null) ?? "/bin/sh" };
            if (!hasConfig || !config.TryGetProperty("Labels", out var labels) || labels.ValueKind != JsonValueKind.Object)
                return basics;
            string? Label(string name) => labels.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return basics with
            {
                Crash = string.Equals(Label(CrashLabel), "true", StringComparison.OrdinalIgnoreCase),
                ExitCode = int.TryParse(Label(ExitCodeLabel), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : 1,
                StartDelay = ParseDuration(Label(StartDelayLabel)) ?? TimeSpan.Zero,
            };
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
