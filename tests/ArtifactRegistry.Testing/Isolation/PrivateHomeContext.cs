using ArtifactRegistry.Context;

namespace ArtifactRegistry.Testing.Isolation;

/// <summary>Gives an <see cref="OperationContext"/> a test's home, for the library's own lookups and for the programs it starts.</summary>
public static class PrivateHomeContext
{
    /// <summary>
    /// Sets <see cref="OperationContext.HomeDirectory"/> (where the library looks for ~/.docker and ~/.config/gcloud) and, for
    /// docker, gcloud and kubeconfig exec plugins the operations start, <c>HOME</c> and the folders derived from it.
    /// </summary>
    public static OperationContext SetPrivateHome(this OperationContext context, PrivateHome home) =>
        context.SetHomeDirectory(home.Path).SetEnvironmentVariables(home.EnvironmentVariables);
}
