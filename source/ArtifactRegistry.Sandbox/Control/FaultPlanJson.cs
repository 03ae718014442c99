using System.Globalization;
using System.Text.Json;
using ArtifactRegistry.Sandbox.Rest;

namespace ArtifactRegistry.Sandbox.Control;

/// <summary>
/// A <see cref="SandboxFaultPlan"/> as the control API reads and writes it:
/// <c>{"latency":"0.05s","throttleShare":0.1,"retryAfter":"2s","serverErrorShare":0.05,"serverErrorStatus":503,
/// "dropShare":0.01,"scope":["Rest"],"routePrefix":"rest:","randomSeed":42}</c>. Durations are written as Google's JSON
/// durations (seconds with an <c>s</c>) and read in <c>ms</c>, <c>s</c> or <c>m</c>. Absent fields take their defaults,
/// so <c>{}</c> is no fault at all; an unknown field is refused, as a misspelt one would otherwise be silently ignored.
/// </summary>
internal static class FaultPlanJson
{
    private static readonly string[] Fields =
        ["latency", "throttleShare", "retryAfter", "serverErrorShare", "serverErrorStatus", "dropShare", "scope", "routePrefix", "randomSeed"];

    private static readonly SandboxFaultScope[] Scopes = [SandboxFaultScope.Rest, SandboxFaultScope.Registry, SandboxFaultScope.Token, SandboxFaultScope.Cluster];

    public static void Write(Utf8JsonWriter writer, SandboxFaultPlan plan)
    {
        writer.WriteStartObject();
        writer.WriteString("latency", Duration(plan.Latency));
        writer.WriteNumber("throttleShare", plan.ThrottleShare);
        writer.WriteString("retryAfter", Duration(plan.RetryAfter));
        writer.WriteNumber("serverErrorShare", plan.ServerErrorShare);
        writer.WriteNumber("serverErrorStatus", plan.ServerErrorStatus);
        writer.WriteNumber("dropShare", plan.DropShare);
        writer.WriteStartArray("scope");
        foreach (var scope in Scopes.Where(s => plan.Scope.HasFlag(s)))
            writer.WriteStringValue(scope.ToString());
        writer.WriteEndArray();
        if (plan.RoutePrefix is not null)
            writer.WriteString("routePrefix", plan.RoutePrefix);
        if (plan.RandomSeed is { } seed)
            writer.WriteNumber("randomSeed", seed);
        writer.WriteEndObject();
    }

    /// <summary>Reads a plan; a <see cref="GoogleApiException"/> (400 INVALID_ARGUMENT) says what is wrong with the body.</summary>
    public static SandboxFaultPlan Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw Invalid($"The fault plan must be a JSON object with the fields {string.Join(", ", Fields)}; it is a JSON {body.ValueKind.ToString().ToLowerInvariant()}.");
        var plan = SandboxFaultPlan.None;
        foreach (var field in body.EnumerateObject())
        {
            var value = field.Value;
            plan = field.Name switch
            {
                "latency" => plan with { Latency = ReadDuration(field) },
                "throttleShare" => plan with { ThrottleShare = ReadNumber(field) },
                "retryAfter" => plan with { RetryAfter = ReadDuration(field) },
                "serverErrorShare" => plan with { ServerErrorShare = ReadNumber(field) },
                "serverErrorStatus" => plan with { ServerErrorStatus = ReadInteger(field) },
                "dropShare" => plan with { DropShare = ReadNumber(field) },
                "scope" => plan with { Scope = ReadScope(field) },
                "routePrefix" => plan with { RoutePrefix = value.ValueKind == JsonValueKind.Null ? null : ReadString(field) },
                "randomSeed" => plan with { RandomSeed = value.ValueKind == JsonValueKind.Null ? null : ReadInteger(field) },
                _ => throw Invalid($"The fault plan has an unknown field \"{field.Name}\"; its fields are {string.Join(", ", Fields)}."),
            };
        }

        try
        {
            plan.Validate();
        }
        catch (ArgumentException e)
        {
            throw Invalid(e.Message);
        }

        return plan;
    }

    private static string Duration(TimeSpan duration) =>
        duration.TotalSeconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";

    private static TimeSpan ReadDuration(JsonProperty field)
    {
        var text = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()!.Trim() : "";
        (string Suffix, Func<double, TimeSpan> Create)[] units = [("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes)];
        foreach (var (suffix, create) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) &&
                double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && double.IsFinite(amount))
                return create(amount);
        }

        throw Invalid($"The fault plan's \"{field.Name}\" is {field.Value.GetRawText()}, which is not a duration: give a string like \"50ms\", \"2s\" or \"1.5s\".");
    }

    private static double ReadNumber(JsonProperty field) =>
        field.Value.ValueKind == JsonValueKind.Number
            ? field.Value.GetDouble()
            : throw Invalid($"The fault plan's \"{field.Name}\" is {field.Value.GetRawText()}, which is not a number: give a share like 0.1 for 10 %.");

    private static int ReadInteger(JsonProperty field) =>
        field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt32(out var value)
            ? value
            : throw Invalid($"The fault plan's \"{field.Name}\" is {field.Value.GetRawText()}, which is not a whole number, like 503.");

    private static string ReadString(JsonProperty field) =>
        field.Value.ValueKind == JsonValueKind.String
            ? field.Value.GetString()!
            : throw Invalid($"The fault plan's \"{field.Name}\" is {field.Value.GetRawText()}, which is not a string, like \"rest:versions.\".");

    /// <summary>A name or a list of names among Rest, Registry, Token, Cluster and All.</summary>
    private static SandboxFaultScope ReadScope(JsonProperty field)
    {
        var items = field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().ToList() : [field.Value];
        SandboxFaultScope scope = 0;
        foreach (var item in items)
        {
            var name = item.ValueKind == JsonValueKind.String
                ? Enum.GetNames<SandboxFaultScope>().FirstOrDefault(n => n.Equals(item.GetString()!.Trim(), StringComparison.OrdinalIgnoreCase))
                : null;
            if (name is null)
                throw Invalid($"The fault plan's \"scope\" is {field.Value.GetRawText()}; give a list of Rest, Registry, Token and Cluster, like [\"Rest\"], or \"All\".");
            scope |= Enum.Parse<SandboxFaultScope>(name);
        }

        return scope;
    }

    private static GoogleApiException Invalid(string message) => GoogleApiException.InvalidArgument(message);
}
