using ArtifactRegistry.References;
using ArtifactRegistry.Registry;

namespace ArtifactRegistry.Access;

/// <summary>
/// Single changes (a tag, one image) explained like PruneUntagged's preflight: who lacks which permission, the smallest role
/// that grants it, and the command that grants it on the repository.
/// </summary>
internal static class PermissionRefusals
{
    /// <summary>Before a change that must not stop half-way: asks testIamPermissions and refuses, changing nothing, when one is missing.</summary>
    /// <exception cref="ArtifactRegistryAccessDeniedException">A permission is missing.</exception>
    public static async Task RequireAsync(
        ArtifactRegistryClient client, RepositoryName repository, IReadOnlyList<string> permissions, string purpose, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> held;
        try
        {
            held = await client.TestIamPermissionsAsync(repository, permissions, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactRegistryApiException e) when (e.IsNotFound || e.IsPermissionDenied)
        {
            // Missing or invisible: the change itself gets the registry's answer, explained by Explain.
            return;
        }

        var missing = permissions.Where(permission => !held.Contains(permission)).ToList();
        if (missing.Count > 0)
            throw new ArtifactRegistryAccessDeniedException(repository, client.Tokens.Principal, missing, purpose);
    }

    /// <summary>The registry's PERMISSION_DENIED as the explanation; any other refusal as it was.</summary>
    public static Exception Explain(ArtifactRegistryClient client, ArtifactRegistryApiException refusal, RepositoryName repository, string permission, string purpose) =>
        refusal.IsPermissionDenied
            ? new ArtifactRegistryAccessDeniedException(repository, client.Tokens.Principal, [permission], $"{purpose} ({refusal.GoogleMessage}) in")
            : refusal;
}
