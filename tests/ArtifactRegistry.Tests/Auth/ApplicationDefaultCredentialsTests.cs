using ArtifactRegistry.Auth;
using ArtifactRegistry.Tests.TestServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ArtifactRegistry.Tests.Auth;

public class ApplicationDefaultCredentialsTests
{
    private const string Deployer = "deployer@sample-project.iam.gserviceaccount.com";
    private FakeGoogleOAuth _oauth = null!;
    private string _home = null!;
    private string _notGoogleHardware = null!;

    [SetUp]
    public async Task Start()
    {
        _oauth = await FakeGoogleOAuth.StartAsync();
        _home = Directory.CreateTempSubdirectory("adc-home-").FullName;
        _notGoogleHardware = Path.Combine(_home, "product_name");
        File.WriteAllText(_notGoogleHardware, "Standard PC (Q35 + ICH9, 2009)\n");
    }

    [TearDown]
    public async Task Stop()
    {
        await _oauth.DisposeAsync();
        Directory.Delete(_home, recursive: true);
    }

    private ApplicationDefaultCredentialsOptions Options(Dictionary<string, string> environment) => new()
    {
        Environment = name => environment.GetValueOrDefault(name),
        HomeDirectory = _home,
        ProductNameFile = _notGoogleHardware,
    };

    [Test]
    public async Task GOOGLE_APPLICATION_CREDENTIALS_comes_first()
    {
        var key = _oauth.WriteServiceAccountKey(_home, Deployer);
        _oauth.WriteAuthorizedUserFile(Path.Combine(_home, ".config", "gcloud", "application_default_credentials.json"));

        var result = await ApplicationDefaultCredentials.ResolveAsync(Options(new() { ["GOOGLE_APPLICATION_CREDENTIALS"] = key }));

        Assert.That(result.TokenSource!.Principal.Email, Is.EqualTo(Deployer));
        Assert.That(result.Attempts.Single().ToString(), Does.StartWith("GOOGLE_APPLICATION_CREDENTIALS: service-account key"));
    }

    [Test]
    public async Task The_gcloud_application_default_file_comes_next_and_honours_CLOUDSDK_CONFIG()
    {
        var gcloudConfig = Path.Combine(_home, "gcloud-config");
        var adc = _oauth.WriteAuthorizedUserFile(Path.Combine(gcloudConfig, "application_default_credentials.json"));

        var result = await ApplicationDefaultCredentials.ResolveAsync(Options(new() { ["CLOUDSDK_CONFIG"] = gcloudConfig }));

        Assert.That(result.Found, Is.True);
        Assert.That(result.TokenSource!.Description, Does.Contain(adc));
        Assert.That(result.Attempts.Select(a => a.Outcome).First(), Is.EqualTo("not set"));
    }

    [Test]
    public async Task Off_Google_Cloud_the_metadata_server_is_not_probed_and_every_place_tried_is_listed()
    {
        var result = await ApplicationDefaultCredentials.ResolveAsync(Options(new()));

        Assert.That(result.Found, Is.False);
        Assert.That(result.Attempts.Select(a => a.ToString()), Is.EqualTo(new[]
        {
            "GOOGLE_APPLICATION_CREDENTIALS: not set",
            $"gcloud application-default credentials: no file at {Path.Combine(_home, ".config", "gcloud", "application_default_credentials.json")}",
            "metadata server: not on Google Cloud (hardware 'Standard PC (Q35 + ICH9, 2009)'), not asked",
        }));
    }

    [Test]
    public async Task A_GOOGLE_APPLICATION_CREDENTIALS_pointing_nowhere_is_an_error_not_a_fallback()
    {
        _oauth.WriteAuthorizedUserFile(Path.Combine(_home, ".config", "gcloud", "application_default_credentials.json"));

        var error = await Assert.ThrowsAsync<GoogleCredentialException>(() =>
            ApplicationDefaultCredentials.ResolveAsync(Options(new() { ["GOOGLE_APPLICATION_CREDENTIALS"] = "/nonexistent/key.json" })));

        Assert.That(error!.Message, Does.Contain("/nonexistent/key.json").And.Contain("unset"));
    }

    [Test]
    public async Task On_Google_Cloud_the_metadata_server_gives_the_machine_s_account_and_token()
    {
        await using var metadata = await LocalHttpServer.StartAsync(app =>
        {
            app.MapGet("/computeMetadata/v1/", (HttpContext c) => { c.Response.Headers["Metadata-Flavor"] = "Google"; return Results.Ok(); });
            app.MapGet("/computeMetadata/v1/instance/service-accounts/default/email",
                (HttpContext c) => c.Request.Headers["Metadata-Flavor"] == "Google" ? Results.Text("nodes@sample-project.iam.gserviceaccount.com") : Results.StatusCode(403));
            app.MapGet("/computeMetadata/v1/instance/service-accounts/default/token",
                (HttpContext c) => c.Request.Headers["Metadata-Flavor"] == "Google"
                    ? Results.Json(new { access_token = "ya29.metadata", expires_in = 3599, token_type = "Bearer" })
                    : Results.StatusCode(403));
        });
        var host = metadata.BaseAddress.Authority;

        var options = Options(new() { ["GCE_METADATA_HOST"] = host }) with { MetadataProbeTimeout = TimeSpan.FromSeconds(10) };

        var result = await ApplicationDefaultCredentials.ResolveAsync(options);
        Assert.That(result.Found, Is.True, string.Join("; ", result.Attempts));
        var token = await result.TokenSource!.GetAccessTokenAsync();

        Assert.That(result.TokenSource.Principal.IamMember, Is.EqualTo("serviceAccount:nodes@sample-project.iam.gserviceaccount.com"));
        Assert.That(token.Value, Is.EqualTo("ya29.metadata"));
        Assert.That(token.Lifetime, Is.EqualTo(TimeSpan.FromSeconds(3599)));
    }
}
