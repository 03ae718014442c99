using k8s;
using k8s.Exceptions;

namespace ArtifactRegistry.Kubernetes;

/// <summary>Resolves a kube context into a <see cref="KubeConnection"/>, every problem found before the first request.</summary>
internal static class KubeconfigLoader
{
    /// <exception cref="KubeconfigException">No kubeconfig, no such context, an exec plugin not installed, credentials of a form that no longer works.</exception>
    public static KubeConnection Load(KubeconfigOptions options)
    {
        var (config, files) = KubeconfigFiles.Load(options);
        var context = KubeconfigValidation.RequireContext(config, options.Context, files);
        var user = (config.Users ?? []).FirstOrDefault(user => user.Name == context.ContextDetails?.User);
        KubeconfigValidation.RequireUsableUser(user, context, options);

        // KubernetesClient would run the plugin itself while building the configuration (and once more on the first request),
        // with neither this build's environment nor the plugin's stderr; the entry is swapped for a token provider that has both.
        var exec = user?.UserCredentials?.ExternalExecution;
        if (exec is not null)
        {
            user!.UserCredentials.ExternalExecution = null;
            user.UserCredentials.Token ??= "exec-credential-plugin";
        }

        KubernetesClientConfiguration clientConfiguration;
        try
        {
            clientConfiguration = KubernetesClientConfiguration.BuildConfigFromConfigObject(config, context.Name);
        }
        catch (Exception exception) when (exception is KubeConfigException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new KubeconfigException(KubeconfigProblem.Invalid,
                $"The kube context {context.Name} in {string.Join(", ", files)} is incomplete or invalid: {exception.Message}. " +
                "Repair the entry, or write it anew (for GKE: `gcloud container clusters get-credentials CLUSTER --location=LOCATION --project=PROJECT-ID`).",
                inner: exception);
        }

        if (exec is not null)
            clientConfiguration.TokenProvider = new ExecCredentialPlugin(exec, context.Name, clientConfiguration.Host, options);

        return new KubeConnection
        {
            ContextName = context.Name,
            ClusterName = context.ContextDetails?.Cluster ?? "",
            Server = clientConfiguration.Host,
            UserName = user?.Name,
            Namespace = string.IsNullOrEmpty(context.ContextDetails?.Namespace) ? null : context.ContextDetails.Namespace,
            Files = files,
            UsesExecPlugin = exec is not null,
            ClientConfiguration = clientConfiguration,
        };
    }
}
