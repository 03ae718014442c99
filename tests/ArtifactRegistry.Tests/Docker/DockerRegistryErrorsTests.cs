using ArtifactRegistry.Docker;
using ArtifactRegistry.Iam;

namespace ArtifactRegistry.Tests.Docker;

public class DockerRegistryErrorsTests
{
    private const string Deployer = "deployer@sample-project.iam.gserviceaccount.com";

    [Test]
    public void The_seed_s_missing_image_name_is_explained_as_a_missing_repository_segment()
    {
        const string docker = "name invalid: Missing image name. Pushes should be of the form docker push HOST-NAME/PROJECT-ID/REPOSITORY/IMAGE";

        var error = DockerRegistryErrors.TryExplain($"The push refers to repository [asia-docker.pkg.dev/sample_project/sample-api]\n{docker}\n",
            new DockerErrorContext { Reference = "asia-docker.pkg.dev/sample-project/sample-api:latest" })!;

        Assert.That(error.Kind, Is.EqualTo(DockerRegistryErrorKind.MissingRepositorySegment));
        Assert.That(error.Message, Does.Contain("has no REPOSITORY segment")
            .And.Contain("asia-docker.pkg.dev/sample-project/REPOSITORY/sample-api:latest")
            .And.Contain("gcloud artifacts repositories create REPOSITORY --repository-format=docker")
            .And.EndWith($"(docker said: {docker})"));
    }

    [Test]
    public void The_seed_s_upload_denial_names_the_principal_the_writer_role_and_the_grant_command()
    {
        const string docker = "denied: Permission \"artifactregistry.repositories.uploadArtifacts\" denied on resource \"projects/sample-project/locations/asia/repositories/sample-api\" (or it may not exist)";

        var error = DockerRegistryErrors.TryExplain(docker, new DockerErrorContext { Principal = GooglePrincipal.ServiceAccount(Deployer) })!;

        Assert.That(error.Kind, Is.EqualTo(DockerRegistryErrorKind.PermissionDenied));
        Assert.That(error.Permission, Is.EqualTo("artifactregistry.repositories.uploadArtifacts"));
        Assert.That(error.Message, Does.Contain($"service account {Deployer} lacks it")
            .And.Contain("roles/artifactregistry.writer")
            .And.Contain($"gcloud artifacts repositories add-iam-policy-binding sample-api --location=asia --project=sample-project --member=serviceAccount:{Deployer} --role=roles/artifactregistry.writer")
            .And.Contain("gcloud artifacts repositories create sample-api --repository-format=docker --location=asia --project=sample-project"));
    }

    [Test]
    public void A_denial_with_no_credential_helper_for_the_host_points_at_the_docker_config_first()
    {
        // The seed's third pitfall: the writer role was granted, but config.json only had the gcr.io hosts.
        var config = DockerConfig.Parse("/home/u/.docker/config.json",
            """{"credHelpers": {"asia.gcr.io": "gcloud", "eu.gcr.io": "gcloud", "gcr.io": "gcloud", "us.gcr.io": "gcloud"}}"""u8);
        const string docker = "denied: Permission \"artifactregistry.repositories.uploadArtifacts\" denied on resource \"projects/xxxxxxxxxxxxxxxx\" (or it may not exist)";

        var error = DockerRegistryErrors.TryExplain(docker, new DockerErrorContext { CanonicalHost = "asia-docker.pkg.dev", Config = config })!;

        Assert.That(error.Message, Does.Contain("First, though: docker had no credentials for asia-docker.pkg.dev, so it pushed anonymously")
            .And.Contain("/home/u/.docker/config.json has no credHelpers entry or login for it")
            .And.Contain("--password-stdin https://asia-docker.pkg.dev`. Check that the image reference names an existing repository")
            .And.Contain("only for asia.gcr.io, eu.gcr.io, gcr.io, us.gcr.io")
            .And.Contain("gcloud auth configure-docker asia-docker.pkg.dev"));
    }

    [Test]
    public void An_unauthenticated_request_is_explained_as_missing_credentials()
    {
        const string docker = "unauthorized: Unauthenticated request. Unauthenticated requests do not have permission \"artifactregistry.repositories.uploadArtifacts\" on resource \"projects/p1/locations/asia/repositories/apps\" (or it may not exist)";

        var error = DockerRegistryErrors.TryExplain(docker, new DockerErrorContext { CanonicalHost = "asia-docker.pkg.dev" })!;

        Assert.That(error.Kind, Is.EqualTo(DockerRegistryErrorKind.Unauthenticated));
        Assert.That(error.Resource, Is.EqualTo("projects/p1/locations/asia/repositories/apps"));
        Assert.That(error.Message, Does.Contain("no valid credentials for asia-docker.pkg.dev").And.Contain("docker login -u oauth2accesstoken --password-stdin https://asia-docker.pkg.dev"));
    }

    [Test]
    public void No_basic_auth_credentials_is_explained_with_the_config_that_lacks_them()
    {
        var config = DockerConfig.Parse("/tmp/c/config.json", """{"auths": {"ghcr.io": {}}}"""u8);

        var error = DockerRegistryErrors.TryExplain("no basic auth credentials",
            new DockerErrorContext { CanonicalHost = "us-docker.pkg.dev", Config = config })!;

        Assert.That(error.Kind, Is.EqualTo(DockerRegistryErrorKind.NoCredentials));
        Assert.That(error.Message, Does.Contain("/tmp/c/config.json has no credHelpers entry or login for it"));
    }

    [Test]
    public void Other_docker_failures_are_not_claimed()
    {
        Assert.That(DockerRegistryErrors.TryExplain("Cannot connect to the Docker daemon at unix:///var/run/docker.sock."), Is.Null);
    }
}
