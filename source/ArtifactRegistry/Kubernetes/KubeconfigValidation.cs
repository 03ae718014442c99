using ArtifactRegistry.Hints;
using ArtifactRegistry.Processes;
using k8s.KubeConfigModels;
using KubeContext = k8s.KubeConfigModels.Context;

namespace ArtifactRegistry.Kubernetes;

/// <summary>The checks on a context's entries that turn KubernetesClient's terse refusals (or a late failure on the first call) into one message with its fix.</summary>
internal static class KubeconfigValidation
{
    public const string GkeInstallHint =
        "Install gke-gcloud-auth-plugin for use with kubectl by following https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin";

    public static KubeContext RequireContext(K8SConfiguration config, string? requested, IReadOnlyList<string> files)
    {
        var contexts = (config.Contexts ?? []).Select(context => context.Name).ToList();
        var listed = contexts.Count == 0 ? "it has none" : $"it has {string.Join(", ", contexts)}";
        var name = requested ?? config.CurrentContext;
        if (string.IsNullOrEmpty(name))
            throw new KubeconfigException(KubeconfigProblem.ContextNotFound,
                $"The kubeconfig ({string.Join(", ", files)}) sets no current-context and none was given; {listed}. " +
                $"Name one ({SettingNames.KubeContext.With("NAME")}), or set it with `kubectl config use-context NAME`.", contexts).Naming(SettingNames.KubeContext.With("NAME"));
        return (config.Contexts ?? []).FirstOrDefault(context => context.Name == name) ?? throw new KubeconfigException(KubeconfigProblem.ContextNotFound,
            $"The kube context {name} is not in the kubeconfig ({string.Join(", ", files)}); {listed}. " +
            (requested is null ? "Its current-context names it anyway: " : "") +
            $"Use one of those ({SettingNames.KubeContext.With("NAME")}), or add it for a GKE cluster with " +
            "`gcloud container clusters get-credentials CLUSTER --location=LOCATION --project=PROJECT-ID`.", contexts).Naming(SettingNames.KubeContext.With("NAME"));
    }

    public static void RequireUsableUser(User? user, KubeContext context, KubeconfigOptions options)
    {
        if (user?.UserCredentials is not { } credentials)
            return; // KubernetesClient then talks without credentials, as kubectl does; the API server's 401 is explained later.

        if (credentials.AuthProvider is { Name: "gcp" })
            throw new KubeconfigException(KubeconfigProblem.UnsupportedCredentials,
                $"The kube context {context.Name} uses the legacy `auth-provider: gcp`, which kubectl 1.26 and later reject as well. " +
                $"Install gke-gcloud-auth-plugin and write the entry anew with `gcloud container clusters get-credentials CLUSTER --location=LOCATION --project=PROJECT-ID`. {GkeInstallHint}.");

        if (credentials.ExternalExecution is { } exec)
        {
            if (string.IsNullOrWhiteSpace(exec.Command) || string.IsNullOrWhiteSpace(exec.ApiVersion))
                throw new KubeconfigException(KubeconfigProblem.UnsupportedCredentials,
                    $"The exec credential entry of user {user.Name} (kube context {context.Name}) lacks its command or apiVersion. Write it anew (for GKE: `gcloud container clusters get-credentials …`).");
            if (ProgramLocator.Locate(exec.Command, options.EnvironmentOverrides.TryGetValue("PATH", out var path) ? path : options.Environment("PATH")) is null)
                throw PluginNotFound(exec, context.Name);
        }
    }

    public static KubeconfigException PluginNotFound(ExternalExecution exec, string contextName)
    {
        var hint = !string.IsNullOrWhiteSpace(exec.InstallHint) ? exec.InstallHint.Trim() : ExecCredentialPlugin.IsGkePlugin(exec) ? GkeInstallHint : null;
        var install = ExecCredentialPlugin.IsGkePlugin(exec) ? $" {InstallHints.For("gke-gcloud-auth-plugin")}" : "";
        return new KubeconfigException(KubeconfigProblem.ExecPluginNotFound,
            $"The kube context {contextName} gets its credentials from the program {exec.Command}, which is not installed (not on PATH). " +
            $"{(hint is null ? "" : string.Join(' ', hint.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.') + ".")}{install}");
    }
}
