using ArtifactRegistry.Hints;
using k8s.KubeConfigModels;

namespace ArtifactRegistry.Kubernetes;

/// <summary>
/// Finds and reads the kubeconfig the way kubectl does: an explicit file, else every file <c>KUBECONFIG</c> lists merged (the
/// first file to name a cluster, user or context, or to set <c>current-context</c>, wins; missing files are skipped), else
/// <c>~/.kube/config</c>.
/// </summary>
internal static class KubeconfigFiles
{
    /// <returns>The merged kubeconfig, relative paths in it made absolute against the file they came from, and the files read.</returns>
    /// <exception cref="KubeconfigException">No file, or one that is not a kubeconfig.</exception>
    public static (K8SConfiguration Config, IReadOnlyList<string> Files) Load(KubeconfigOptions options)
    {
        var files = Locate(options);
        K8SConfiguration? merged = null;
        foreach (var file in files)
        {
            var config = Read(file);
            MakePathsAbsolute(config, Path.GetDirectoryName(Path.GetFullPath(file))!);
            merged = merged is null ? config : Merge(merged, config);
        }
        return (merged!, files);
    }

    private static IReadOnlyList<string> Locate(KubeconfigOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Path))
        {
            return File.Exists(options.Path) ? [options.Path] : throw new KubeconfigException(KubeconfigProblem.NotFound,
                $"The kubeconfig file {options.Path} does not exist. {Fix}");
        }

        if (options.Environment(KubeconfigOptions.KubeconfigVariable) is { Length: > 0 } list)
        {
            var listed = list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var existing = listed.Where(File.Exists).ToList();
            return existing.Count > 0 ? existing : throw new KubeconfigException(KubeconfigProblem.NotFound,
                $"None of the kubeconfig files KUBECONFIG names exists ({string.Join(", ", listed)}). {Fix}").Naming(FixSetting);
        }

        return File.Exists(options.DefaultFile) ? [options.DefaultFile] : throw new KubeconfigException(KubeconfigProblem.NotFound,
            $"There is no kubeconfig: KUBECONFIG is not set and {options.DefaultFile} does not exist. {Fix}").Naming(FixSetting);
    }

    private static readonly SettingName FixSetting = SettingNames.Kubeconfig.With("PATH");

    private static readonly string Fix =
        "Write one for a GKE cluster with `gcloud container clusters get-credentials CLUSTER --location=LOCATION --project=PROJECT-ID` " +
        "(in GitHub Actions: google-github-actions/get-gke-credentials), or point the operation at an existing file (" + FixSetting + ").";

    private static K8SConfiguration Read(string file)
    {
        try
        {
            return KubeconfigYaml.Parse(File.ReadAllText(file));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // YamlDotNet's messages point at the line and column, which is what a user needs to repair the file.
            throw new KubeconfigException(KubeconfigProblem.Invalid,
                $"The kubeconfig file {file} cannot be read as a kubeconfig: {exception.Message} " +
                "Repair it, or write it anew with `gcloud container clusters get-credentials CLUSTER --location=LOCATION --project=PROJECT-ID`.",
                inner: exception);
        }
    }

    private static void MakePathsAbsolute(K8SConfiguration config, string directory)
    {
        string? Absolute(string? path) => string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(directory, path));
        foreach (var cluster in config.Clusters ?? [])
            if (cluster.ClusterEndpoint is { } endpoint)
                endpoint.CertificateAuthority = Absolute(endpoint.CertificateAuthority);
        foreach (var user in config.Users ?? [])
        {
            if (user.UserCredentials is not { } credentials)
                continue;
            credentials.ClientCertificate = Absolute(credentials.ClientCertificate);
            credentials.ClientKey = Absolute(credentials.ClientKey);
            // kubectl resolves an exec command written as a relative path against the kubeconfig's folder; a bare name is looked up on PATH.
            if (credentials.ExternalExecution is { Command: { } command } exec && command.Contains('/') && !Path.IsPathRooted(command))
                exec.Command = Absolute(command);
        }
        config.FileName = null;
    }

    private static K8SConfiguration Merge(K8SConfiguration first, K8SConfiguration next)
    {
        first.CurrentContext ??= next.CurrentContext;
        first.Clusters = MergeByName(first.Clusters, next.Clusters, cluster => cluster.Name);
        first.Users = MergeByName(first.Users, next.Users, user => user.Name);
        first.Contexts = MergeByName(first.Contexts, next.Contexts, context => context.Name);
        return first;
    }

    private static List<T> MergeByName<T>(IEnumerable<T>? first, IEnumerable<T>? next, Func<T, string> name)
    {
        var merged = (first ?? []).ToList();
        var names = merged.Select(name).ToHashSet(StringComparer.Ordinal);
        merged.AddRange((next ?? []).Where(item => names.Add(name(item))));
        return merged;
    }
}
