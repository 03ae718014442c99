using ArtifactRegistry.Iam;

namespace ArtifactRegistry.Tests.Iam;

public class ArtifactRegistryPermissionsTests
{
    [TestCase("artifactregistry.repositories.uploadArtifacts", "roles/artifactregistry.writer")]
    [TestCase("artifactregistry.tags.update", "roles/artifactregistry.writer")]
    [TestCase("artifactregistry.repositories.downloadArtifacts", "roles/artifactregistry.reader")]
    [TestCase("artifactregistry.versions.delete", "roles/artifactregistry.repoAdmin")]
    [TestCase("artifactregistry.repositories.create", "roles/artifactregistry.admin")]
    public void Each_permission_maps_to_the_smallest_role_granting_it(string permission, string role)
    {
        Assert.That(ArtifactRegistryPermissions.SmallestRoleFor(permission), Is.EqualTo(role));
    }

    [Test]
    public void Several_permissions_need_the_largest_of_their_roles()
    {
        Assert.That(ArtifactRegistryPermissions.SmallestRoleFor(["artifactregistry.repositories.uploadArtifacts", "artifactregistry.versions.delete"]),
            Is.EqualTo("roles/artifactregistry.repoAdmin"));
    }
}
