using ArtifactRegistry.References;

namespace ArtifactRegistry.Registry;

internal sealed partial class ArtifactRegistryClient
{
    /// <summary>
    /// Cloud Resource Manager's <c>projects.getIamPolicy</c> (policy version 3): the project's bindings, which apply to every
    /// repository in it. Needs <c>resourcemanager.projects.getIamPolicy</c>, which a build's account rarely has.
    /// </summary>
    public Task<IamPolicy> GetProjectIamPolicyAsync(string projectId, CancellationToken cancellationToken = default) =>
        SendAsync<IamPolicy>(ResourceManagerRoot, HttpMethod.Post, $"projects/{projectId}:getIamPolicy", "",
            new { options = new { requestedPolicyVersion = 3 } }, cancellationToken);

    /// <summary>The project of <paramref name="repository"/>'s policy: <see cref="GetProjectIamPolicyAsync(string, CancellationToken)"/>.</summary>
    public Task<IamPolicy> GetProjectIamPolicyAsync(RepositoryName repository, CancellationToken cancellationToken = default) =>
        GetProjectIamPolicyAsync(repository.ProjectId, cancellationToken);
}
