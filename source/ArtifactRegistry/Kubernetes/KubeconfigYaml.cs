using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using KubeContext = k8s.KubeConfigModels.Context;

namespace ArtifactRegistry.Kubernetes;

/// <summary>
/// Reads a kubeconfig file into KubernetesClient's model from YamlDotNet's node tree. KubernetesClient's own loader first maps
/// every Kubernetes type for its YAML deserializer by reflection, about 0.3 s of a cold deploy spent before the first request;
/// this reads only the fields a kubeconfig has, and ignores unknown ones as kubectl does.
/// </summary>
internal static class KubeconfigYaml
{
    /// <exception cref="YamlException">The text is not YAML, or an entry has the wrong shape (the message gives the line).</exception>
    public static K8SConfiguration Parse(string text)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(text))
            stream.Load(reader);
        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" } or null)
            return new K8SConfiguration();
        var config = Map(root, "the file");
        return new K8SConfiguration
        {
            ApiVersion = Text(config, "apiVersion"),
            Kind = Text(config, "kind"),
            CurrentContext = Text(config, "current-context"),
            Clusters = Items(config, "clusters").Select(cluster => new Cluster
            {
                Name = Text(cluster, "name")!,
                ClusterEndpoint = Child(cluster, "cluster") is { } endpoint ? new ClusterEndpoint
                {
                    Server = Text(endpoint, "server"),
                    CertificateAuthority = Text(endpoint, "certificate-authority"),
                    CertificateAuthorityData = Text(endpoint, "certificate-authority-data"),
                    TlsServerName = Text(endpoint, "tls-server-name"),
                    SkipTlsVerify = Flag(endpoint, "insecure-skip-tls-verify"),
                } : null,
            }).ToList(),
            Contexts = Items(config, "contexts").Select(context => new KubeContext
            {
                Name = Text(context, "name")!,
                ContextDetails = Child(context, "context") is { } details ? new ContextDetails
                {
                    Cluster = Text(details, "cluster"),
                    User = Text(details, "user"),
                    Namespace = Text(details, "namespace"),
                } : null,
            }).ToList(),
            Users = Items(config, "users").Select(user => new User
            {
                Name = Text(user, "name")!,
                UserCredentials = Child(user, "user") is { } credentials ? Credentials(credentials) : null,
            }).ToList(),
        };
    }

    private static UserCredentials Credentials(YamlMappingNode user) => new()
    {
        ClientCertificateData = Text(user, "client-certificate-data"),
        ClientCertificate = Text(user, "client-certificate"),
        ClientKeyData = Text(user, "client-key-data"),
        ClientKey = Text(user, "client-key"),
        Token = Text(user, "token"),
        Impersonate = Text(user, "as"),
        ImpersonateGroups = Value(user, "as-groups") is { } groups ? Strings(groups, "as-groups") : null,
        ImpersonateUserExtra = Child(user, "as-user-extra") is { } extra ? Dictionary(extra) : null,
        UserName = Text(user, "username"),
        Password = Text(user, "password"),
        AuthProvider = Child(user, "auth-provider") is { } provider ? new AuthProvider
        {
            Name = Text(provider, "name"),
            Config = Child(provider, "config") is { } settings ? Dictionary(settings) : null,
        } : null,
        ExternalExecution = Child(user, "exec") is { } exec ? new ExternalExecution
        {
            ApiVersion = Text(exec, "apiVersion"),
            Command = Text(exec, "command"),
            Arguments = Value(exec, "args") is { } args ? Strings(args, "args") : null,
            EnvironmentVariables = Value(exec, "env") is { } env
                ? Sequence(env, "env").Select(variable => Dictionary(Map(variable, "an env entry"))).ToList()
                : null,
            InstallHint = Text(exec, "installHint"),
            ProvideClusterInfo = Flag(exec, "provideClusterInfo"),
        } : null,
    };

    private static YamlNode? Value(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is not YamlScalarNode { Value: null or "" or "~" or "null" } ? value : null;

    private static string? Text(YamlMappingNode map, string key) => Value(map, key) switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value,
        var other => throw Wrong(other, key, "a text value"),
    };

    private static bool Flag(YamlMappingNode map, string key) => Text(map, key) is { } text && (bool.TryParse(text, out var flag)
        ? flag
        : throw Wrong(Value(map, key)!, key, "true or false"));

    private static YamlMappingNode? Child(YamlMappingNode map, string key) => Value(map, key) is { } value ? Map(value, key) : null;

    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode map, string key) =>
        Value(map, key) is { } value ? Sequence(value, key).Select(item => Map(item, $"an entry of {key}")) : [];

    private static List<string> Strings(YamlNode node, string key) =>
        Sequence(node, key).Select(item => item is YamlScalarNode { Value: var text } ? text ?? "" : throw Wrong(item, key, "a list of text values")).ToList();

    private static Dictionary<string, string> Dictionary(YamlMappingNode map) => map.Children.ToDictionary(
        pair => pair.Key is YamlScalarNode { Value: { } key } ? key : throw Wrong(pair.Key, "a key", "text"),
        pair => pair.Value is YamlScalarNode { Value: var value } ? value ?? "" : throw Wrong(pair.Value, ((YamlScalarNode)pair.Key).Value!, "a text value"));

    private static YamlMappingNode Map(YamlNode node, string what) => node as YamlMappingNode ?? throw Wrong(node, what, "a mapping (key: value lines)");

    private static IEnumerable<YamlNode> Sequence(YamlNode node, string key) => node as YamlSequenceNode ?? throw Wrong(node, key, "a list (- lines)");

    private static YamlException Wrong(YamlNode node, string what, string expected) =>
        new(node.Start, node.End, $"{what} should be {expected} (line {node.Start.Line}, column {node.Start.Column}).");
}
