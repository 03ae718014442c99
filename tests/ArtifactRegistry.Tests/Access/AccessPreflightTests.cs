using ArtifactRegistry.Access;
using ArtifactRegistry.Auth;
using ArtifactRegistry.Iam;
using ArtifactRegistry.References;
using ArtifactRegistry.Registry;
using ArtifactRegistry.Tests.TestServers;

namespace ArtifactRegistry.Tests.Access;

public class AccessPreflightTests
{
    private const string Repo = "projects/sample-project/locations/asia/repositories/apps";
    private const string Viewer = "viewer@sample-project.iam.gserviceaccount.com";
    private static readonly ImageReference Image = ImageReference.Parse("asia-docker.pkg.dev/sample-project/apps/sample-api:latest");

    private FakeArtifactRegistryRest _registry = null!;
    private ArtifactRegistryClient _client = null!;
    private int _principalLookups;

    [SetUp]
    public async Task Start()
    {
        _registry = await FakeArtifactRegistryRest.StartAsync();
        var tokens = new RefreshingAccessTokenSource("test", GooglePrincipal.ServiceAccount(Viewer),
            _ => Task.FromResult(new AccessToken("ya29.t", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1))));
        _client = new ArtifactRegistryClient(tokens, new ArtifactRegistryClientOptions { ApiRoot = _registry.Server.BaseAddress, Retry = RetryPolicy.None });
        _principalLookups = 0;
    }

    [TearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _registry.DisposeAsync();
    }

    private AccessPreflight Preflight() => new(_client, _ =>
    {
        _principalLookups++;
        return Task.FromResult(GooglePrincipal.ServiceAccount(Viewer));
    });

    private void Repository(params string[] held)
    {
        _registry.RepositoryFormats[Repo] = "DOCKER";
        _registry.HeldPermissions[Repo] = [.. held];
    }

    [Test]
    public async Task A_viewer_is_told_it_lacks_uploadArtifacts_with_the_writer_role_and_the_grant_command()
    {
        Repository("artifactregistry.repositories.get", "artifactregistry.repositories.downloadArtifacts");

        var error = (await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() => Preflight().CheckAsync([Image], AccessNeeds.Push, false)))!;

        Assert.That(error.MissingPermissions, Is.EqualTo(new[] { "artifactregistry.repositories.uploadArtifacts" }));
        Assert.That(error.Role, Is.EqualTo("roles/artifactregistry.writer"));
        Assert.That(error.Message, Does.StartWith($"Service account {Viewer} may not push to repository {Repo}: it lacks artifactregistry.repositories.uploadArtifacts.")
            .And.Contain($"gcloud artifacts repositories add-iam-policy-binding apps --location=asia --project=sample-project --member=serviceAccount:{Viewer} --role=roles/artifactregistry.writer"));
    }

    [Test]
    public async Task A_principal_holding_nothing_is_told_the_writer_role_and_that_the_repository_may_be_missing()
    {
        Repository();

        var error = (await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() => Preflight().CheckAsync([Image], AccessNeeds.Push, false)))!;

        Assert.That(error.MissingPermissions, Is.EqualTo(new[] { "artifactregistry.repositories.uploadArtifacts" }));
        Assert.That(error.Role, Is.EqualTo("roles/artifactregistry.writer"));
        Assert.That(error.Message, Does.Contain("holds no permission at all there")
            .And.Contain("gcloud artifacts repositories create apps --repository-format=docker --location=asia --project=sample-project"));
    }

    [Test]
    public async Task A_writer_passes_and_the_principal_is_not_even_looked_up()
    {
        Repository("artifactregistry.repositories.get", "artifactregistry.repositories.uploadArtifacts", "artifactregistry.tags.update");

        var access = await Preflight().CheckAsync([Image], AccessNeeds.Push, false);

        Assert.That(access.Single().Repository.ToString(), Is.EqualTo(Repo));
        Assert.That(access.Single().RequiredPermissions, Is.EqualTo(new[] { "artifactregistry.repositories.uploadArtifacts" }));
        Assert.That(_principalLookups, Is.Zero);
    }

    [Test]
    public async Task An_existing_tag_that_will_move_needs_tags_update()
    {
        Repository("artifactregistry.repositories.get", "artifactregistry.repositories.uploadArtifacts");
        _registry.ExistingTags[$"{Repo}/packages/sample-api/tags/latest"] = true;

        var error = (await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() => Preflight().CheckAsync([Image], AccessNeeds.Push, false)))!;

        Assert.That(error.MissingPermissions, Is.EqualTo(new[] { "artifactregistry.tags.update" }));
        Assert.That(error.Message, Does.Contain("may not move the existing tag sample-api:latest in repository"));
    }

    [Test]
    public async Task In_a_repository_with_immutable_tags_an_existing_tag_is_reported_and_needs_no_tags_update()
    {
        Repository("artifactregistry.repositories.get", "artifactregistry.repositories.uploadArtifacts");
        _registry.ImmutableTagRepositories[Repo] = true;
        _registry.ExistingTags[$"{Repo}/packages/sample-api/tags/latest"] = true;

        var access = (await Preflight().CheckAsync([Image], AccessNeeds.Push, false)).Single();

        Assert.That(access.ImmutableTags, Is.True);
        Assert.That(access.MovingTags, Is.EqualTo(new[] { "sample-api:latest" }));
        Assert.That(access.RequiredPermissions, Does.Not.Contain("artifactregistry.tags.update"), "a tag there never moves; BuildAndPush decides");
    }

    [TestCase(404)]
    [TestCase(403)]
    public async Task A_missing_or_invisible_repository_gets_both_explanations_and_the_create_command(int status)
    {
        _registry.MissingRepositoryStatus = status;

        var error = (await Assert.ThrowsAsync<RepositoryNotFoundException>(() => Preflight().CheckAsync([Image], AccessNeeds.Push, false)))!;

        Assert.That(error.Message, Does.Contain("(docker path asia-docker.pkg.dev/sample-project/apps) does not exist, or service account " + Viewer + " is not allowed to see it")
            .And.Contain("gcloud artifacts repositories create apps --repository-format=docker --location=asia --project=sample-project")
            .And.Contain("CreateRepositoryIfMissing")
            .And.Contain("--role=roles/artifactregistry.writer"));
    }

    [Test]
    public async Task A_missing_repository_is_created_when_allowed()
    {
        _registry.MayCreate = true;

        var access = await Preflight().CheckAsync([Image], AccessNeeds.Push, createRepositoryIfMissing: true);

        Assert.That(access.Single().Created, Is.True);
        Assert.That(_registry.RepositoryFormats[Repo], Is.EqualTo("DOCKER"));
    }

    [Test]
    public async Task A_creation_refused_says_which_project_role_is_needed()
    {
        var error = (await Assert.ThrowsAsync<RepositoryNotFoundException>(() => Preflight().CheckAsync([Image], AccessNeeds.Push, createRepositoryIfMissing: true)))!;

        Assert.That(error.Message, Does.Contain("Creating it was attempted and failed")
            .And.Contain($"gcloud projects add-iam-policy-binding sample-project --member=serviceAccount:{Viewer} --role=roles/artifactregistry.admin"));
    }

    [Test]
    public async Task A_repository_of_another_format_is_refused()
    {
        Repository("artifactregistry.repositories.get", "artifactregistry.repositories.uploadArtifacts");
        _registry.RepositoryFormats[Repo] = "MAVEN";

        var error = (await Assert.ThrowsAsync<RepositoryFormatException>(() => Preflight().CheckAsync([Image], AccessNeeds.Push, false)))!;

        Assert.That(error.Message, Does.Contain("format MAVEN, not DOCKER"));
    }

    [Test]
    public async Task Pruning_needs_the_delete_permissions_of_repoAdmin()
    {
        Repository("artifactregistry.repositories.get", "artifactregistry.repositories.uploadArtifacts", "artifactregistry.tags.update");

        var error = (await Assert.ThrowsAsync<ArtifactRegistryAccessDeniedException>(() => Preflight().CheckAsync([Image], AccessNeeds.Prune, false)))!;

        Assert.That(error.MissingPermissions, Is.EquivalentTo(new[] { "artifactregistry.versions.delete", "artifactregistry.tags.delete" }));
        Assert.That(error.Role, Is.EqualTo("roles/artifactregistry.repoAdmin"));
        Assert.That(error.Message, Does.Contain("may not prune repository"));
    }
}
