using ArtifactRegistry.Sandbox.Http;
using ArtifactRegistry.Sandbox.Iam;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary>Locations, project settings and operations: the small calls gcloud makes around the main ones.</summary>
internal static class ProjectApi
{
    public static Task ListLocationsAsync(RestCall call) =>
        call.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("locations");
            foreach (var location in call.Services.Locations.Order(StringComparer.Ordinal))
                Location(w, call.Target.Project!, location);
            w.WriteEndArray();
            w.WriteEndObject();
        });

    public static Task GetLocationAsync(RestCall call)
    {
        if (!call.Services.Locations.Contains(call.Target.Location!))
            throw GoogleApiException.NotFound();
        return call.Json(w => Location(w, call.Target.Project!, call.Target.Location!));
    }

    /// <summary>Cloud Resource Manager's projects.get, enough for clients that look a project up before changing its policy.</summary>
    public static Task GetProjectAsync(RestCall call)
    {
        var project = call.Target.Project!;
        if (!call.Services.Authorizer.HasOnProject(call.Caller, project, Permissions.ProjectsGet)
            && !call.Services.Authorizer.HasOnProject(call.Caller, project, Permissions.ProjectsGetIamPolicy))
            throw new GoogleApiException(403, "PERMISSION_DENIED", "The caller does not have permission");
        return call.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("projectId", project);
            w.WriteString("projectNumber", ProjectNumber(project));
            w.WriteString("name", project);
            w.WriteString("lifecycleState", "ACTIVE");
            w.WriteEndObject();
        });
    }

    /// <summary>A stable, made-up project number (real ones are assigned by Google).</summary>
    public static string ProjectNumber(string project)
    {
        var hash = 1469598103934665603UL;
        foreach (var c in project)
            hash = (hash ^ c) * 1099511628211UL;
        return (100000000000UL + hash % 900000000000UL).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task GetProjectSettingsAsync(RestCall call)
    {
        call.RequireOnProject(Permissions.ProjectSettingsGet, $"//artifactregistry.googleapis.com/projects/{call.Target.Project}/projectSettings");
        return call.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", $"projects/{call.Target.Project}/projectSettings");
            w.WriteString("legacyRedirectionState", "REDIRECTION_FROM_GCR_IO_DISABLED");
            w.WriteEndObject();
        });
    }

    public static Task GetOperationAsync(RestCall call)
    {
        var name = $"projects/{call.Target.Project}/locations/{call.Target.Location}/operations/{call.Target.Id}";
        var operation = call.Services.Operations.Find(name) ?? throw GoogleApiException.NotFound();
        return RawJson.WriteAsync(call.Http, 200, operation);
    }

    private static void Location(System.Text.Json.Utf8JsonWriter w, string project, string location)
    {
        w.WriteStartObject();
        w.WriteString("name", $"projects/{project}/locations/{location}");
        w.WriteString("locationId", location);
        w.WriteString("displayName", location);
        w.WriteEndObject();
    }
}
