using System.Text.Json.Nodes;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Tests.TestServers;

namespace ArtifactRegistry.Tests.Auth;

public class GoogleCredentialFileTests
{
    private const string Deployer = "deployer@sample-project.iam.gserviceaccount.com";
    private FakeGoogleOAuth _oauth = null!;
    private string _directory = null!;

    [SetUp]
    public async Task StartTokenEndpoint()
    {
        _oauth = await FakeGoogleOAuth.StartAsync();
        _directory = Directory.CreateTempSubdirectory("credential-test-").FullName;
    }

    [TearDown]
    public async Task StopTokenEndpoint()
    {
        await _oauth.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task A_service_account_key_is_exchanged_at_its_token_uri_for_the_key_s_account()
    {
        var file = GoogleCredentialFile.Load(_oauth.WriteServiceAccountKey(_directory, Deployer));

        var token = await file.CreateTokenSource().GetAccessTokenAsync();

        Assert.That(file.Type, Is.EqualTo(GoogleCredentialType.ServiceAccountKey));
        Assert.That(file.Principal.IamMember, Is.EqualTo($"serviceAccount:{Deployer}"));
        Assert.That(token.Value, Is.EqualTo(_oauth.IssuedTokenValues.Single()), "the JWT was signed with the key and accepted");
        Assert.That(token.Lifetime, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(_oauth.Server.Requests.Single().PathAndQuery, Is.EqualTo("/token"));
    }

    [Test]
    public async Task A_federation_file_with_impersonation_yields_a_token_of_the_impersonated_account()
    {
        var file = GoogleCredentialFile.Load(_oauth.WriteExternalAccountFile(_directory, Deployer));

        var token = await file.CreateTokenSource().GetAccessTokenAsync();

        Assert.That(file.Type, Is.EqualTo(GoogleCredentialType.ExternalAccount));
        Assert.That(file.Principal.IamMember, Is.EqualTo($"serviceAccount:{Deployer}"));
        var paths = _oauth.Server.Requests.Select(r => r.PathAndQuery.Split('?')[0]).ToList();
        Assert.That(paths, Is.EqualTo(new[] { "/subject", "/token", $"/v1/projects/-/serviceAccounts/{Deployer}:generateAccessToken" }));
        Assert.That(token.Value, Is.EqualTo(_oauth.IssuedTokenValues.Last()).Or.AnyOf(_oauth.IssuedTokenValues.ToArray()));
    }

    [Test]
    public async Task A_direct_federation_file_names_the_pool_and_keeps_the_ten_minute_lifetime()
    {
        _oauth.ExpiresInSeconds = 600;
        var file = GoogleCredentialFile.Load(_oauth.WriteExternalAccountFile(_directory, impersonatedEmail: null));

        var token = await file.CreateTokenSource().GetAccessTokenAsync();

        Assert.That(file.Principal.Kind, Is.EqualTo(GooglePrincipalKind.FederatedIdentity));
        Assert.That(file.Principal.Description, Does.Contain("workloadIdentityPools/github"));
        Assert.That(token.Lifetime, Is.EqualTo(TimeSpan.FromMinutes(10)));
    }

    [Test]
    public void Application_default_user_credentials_load_with_a_principal_left_to_tokeninfo()
    {
        // Google.Apis.Auth refreshes user credentials at Google's fixed endpoint, so only loading is testable offline.
        var path = _oauth.WriteAuthorizedUserFile(Path.Combine(_directory, "adc.json"));

        var file = GoogleCredentialFile.Load(path);

        Assert.That(file.Type, Is.EqualTo(GoogleCredentialType.AuthorizedUser));
        Assert.That(file.Principal.IsKnown, Is.False, "a user's email is not in the file");
        Assert.That(file.Principal.Description, Does.Contain(path));
    }

    [Test]
    public void A_credential_type_that_is_not_accepted_is_refused_before_any_request()
    {
        var path = _oauth.WriteExternalAccountFile(_directory, Deployer);

        var error = Assert.Throws<GoogleCredentialException>(() => GoogleCredentialFile.Load(path, [GoogleCredentialType.ServiceAccountKey]))!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("'external_account'").And.Contain("accepted: service_account"));
        Assert.That(_oauth.Server.Requests, Is.Empty);
    }

    [Test]
    public void An_unsupported_credential_type_is_refused_with_the_supported_ones()
    {
        var path = Path.Combine(_directory, "unknown.json");
        File.WriteAllText(path, """{"type": "made_up_account"}""");

        var error = Assert.Throws<GoogleCredentialException>(() => GoogleCredentialFile.Load(path))!;

        Assert.That(error.Message, Does.Contain("'made_up_account'").And.Contain(
            "service_account, authorized_user, external_account, impersonated_service_account, external_account_authorized_user"));
    }

    [Test]
    public void An_impersonation_file_is_taken_for_its_target_and_one_without_a_target_is_refused_with_the_command_that_writes_it()
    {
        var good = Path.Combine(_directory, "impersonated.json");
        File.WriteAllText(good, """{"type": "impersonated_service_account", "service_account_impersonation_url": "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/builder@p.iam.gserviceaccount.com:generateAccessToken", "source_credentials": {"type": "authorized_user"}}""");
        var bad = Path.Combine(_directory, "no-target.json");
        File.WriteAllText(bad, """{"type": "impersonated_service_account", "service_account_impersonation_url": "https://evil.example/"}""");

        var file = GoogleCredentialFile.Load(good);
        var error = Assert.Throws<GoogleCredentialException>(() => GoogleCredentialFile.Load(bad))!;

        Assert.Multiple(() =>
        {
            Assert.That(file.Type, Is.EqualTo(GoogleCredentialType.ImpersonatedServiceAccount));
            Assert.That(file.Principal.IamMember, Is.EqualTo("serviceAccount:builder@p.iam.gserviceaccount.com"));
            Assert.That(error.Message, Does.Contain("gcloud auth application-default login --impersonate-service-account=SERVICE_ACCOUNT_EMAIL"));
        });
    }

    [Test]
    public void A_credential_file_that_is_not_json_is_reported_with_its_position()
    {
        var path = Path.Combine(_directory, "broken.json");
        File.WriteAllText(path, "{\n \"type\": service_account\n}");

        var error = Assert.Throws<GoogleCredentialException>(() => GoogleCredentialFile.Load(path))!;

        Assert.That(error.Message, Does.Contain(path).And.Contain("line 2"));
    }

    [Test]
    public async Task A_refused_key_says_who_was_refused_and_what_to_check_without_any_secret()
    {
        var keyPath = _oauth.WriteServiceAccountKey(_directory, Deployer);
        _oauth.RefuseWith = "invalid_grant";
        var source = GoogleCredentialFile.Load(keyPath).CreateTokenSource();

        var error = (await Assert.ThrowsAsync<GoogleCredentialException>(() => source.GetAccessTokenAsync()))!;

        Assert.That(error.Message, Does.Contain(Deployer).And.Contain("invalid_grant").And.Contain("gcloud iam service-accounts keys list"));
        Assert.That(error.ToString(), Does.Not.Contain("PRIVATE KEY").And.Not.Contain(_oauth.Server.Requests.Single().Body));
    }

    [Test]
    public async Task A_token_is_reused_until_eighty_percent_of_its_lifetime_and_refreshed_after()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var source = GoogleCredentialFile.Load(_oauth.WriteServiceAccountKey(_directory, Deployer)).CreateTokenSource(clock);

        var first = await source.GetAccessTokenAsync();
        clock.Advance(TimeSpan.FromMinutes(47));
        var stillFirst = await source.GetAccessTokenAsync();
        clock.Advance(TimeSpan.FromMinutes(2)); // 49 of 60 minutes: less than 20% left
        var second = await source.GetAccessTokenAsync();

        Assert.That(stillFirst.Value, Is.EqualTo(first.Value));
        Assert.That(second.Value, Is.Not.EqualTo(first.Value));
        Assert.That(_oauth.IssuedTokens, Is.EqualTo(2));
    }

    [Test]
    public async Task A_key_s_assertion_names_the_key_and_asks_the_key_s_token_uri_for_a_cloud_platform_token_of_an_hour()
    {
        var keyPath = _oauth.WriteServiceAccountKey(_directory, Deployer);

        await GoogleCredentialFile.Load(keyPath).CreateTokenSource().GetAccessTokenAsync();

        var form = System.Web.HttpUtility.ParseQueryString(_oauth.Server.Requests.Single().Body);
        var parts = form["assertion"]!.Split('.');
        var header = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]))!;
        var claims = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!;
        Assert.Multiple(() =>
        {
            Assert.That(form["grant_type"], Is.EqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer"));
            Assert.That(header["alg"]!.GetValue<string>(), Is.EqualTo("RS256"));
            Assert.That(header["kid"]!.GetValue<string>(), Is.EqualTo("0123456789abcdef"), "Google picks the key to verify by its id");
            Assert.That(claims["iss"]!.GetValue<string>(), Is.EqualTo(Deployer));
            Assert.That(claims["aud"]!.GetValue<string>(), Is.EqualTo(_oauth.Server.Url("token").ToString()));
            Assert.That(claims["scope"]!.GetValue<string>(), Is.EqualTo(GoogleCredentialFile.CloudPlatformScope));
            Assert.That(claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>(), Is.EqualTo(3600));
        });
    }

    [Test]
    public void A_damaged_private_key_is_refused_when_the_token_source_is_made_with_the_command_for_a_new_key()
    {
        var keyPath = _oauth.WriteServiceAccountKey(_directory, Deployer);
        var key = JsonNode.Parse(File.ReadAllText(keyPath))!.AsObject();
        key["private_key"] = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
        File.WriteAllText(keyPath, key.ToJsonString());
        var file = GoogleCredentialFile.Load(keyPath);

        var error = Assert.Throws<GoogleCredentialException>(() => file.CreateTokenSource())!;

        Assert.That(error.Message, Does.Contain(keyPath).And.Contain($"gcloud iam service-accounts keys create KEY_FILE --iam-account={Deployer}"));
        Assert.That(error.ToString(), Does.Not.Contain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"));
        Assert.That(_oauth.Server.Requests, Is.Empty);
    }

    [Test]
    public async Task A_token_endpoint_that_is_briefly_unavailable_is_asked_again()
    {
        _oauth.UnavailableAnswers = 1;
        var source = GoogleCredentialFile.Load(_oauth.WriteServiceAccountKey(_directory, Deployer)).CreateTokenSource();

        var token = await source.GetAccessTokenAsync();

        Assert.That(token.Value, Is.EqualTo(_oauth.IssuedTokenValues.Single()));
        Assert.That(_oauth.Server.Requests, Has.Count.EqualTo(2));
    }
}
