using System.Text.Json;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary>
/// Validates <c>cleanupPolicies</c> the way Artifact Registry does when they are set: at most 10, action DELETE or KEEP,
/// <c>mostRecentVersions</c> only with KEEP. The sandbox stores them; it runs no cleanup job.
/// </summary>
internal static class CleanupPolicies
{
    public const int Maximum = 10;

    public static string? Validate(JsonElement repository)
    {
        if (!repository.TryGetProperty("cleanupPolicies", out var policies) || policies.ValueKind == JsonValueKind.Null)
            return null;
        if (policies.ValueKind != JsonValueKind.Object)
            throw GoogleApiException.InvalidArgument("cleanupPolicies must be a map from policy id to policy.");
        var count = 0;
        foreach (var policy in policies.EnumerateObject())
        {
            if (++count > Maximum)
                throw GoogleApiException.InvalidArgument($"A repository can have at most {Maximum} cleanup policies.");
            var action = policy.Value.TryGetProperty("action", out var a) ? a.GetString() : null;
            if (action is not ("DELETE" or "KEEP"))
                throw GoogleApiException.InvalidArgument($"Cleanup policy \"{policy.Name}\": action must be DELETE or KEEP.");
            var hasCondition = policy.Value.TryGetProperty("condition", out _);
            var hasMostRecent = policy.Value.TryGetProperty("mostRecentVersions", out _);
            if (hasMostRecent && action != "KEEP")
                throw GoogleApiException.InvalidArgument($"Cleanup policy \"{policy.Name}\": mostRecentVersions is only allowed with action KEEP.");
            if (hasCondition == hasMostRecent)
                throw GoogleApiException.InvalidArgument($"Cleanup policy \"{policy.Name}\": set exactly one of condition or mostRecentVersions.");
        }

        return policies.GetRawText();
    }
}
