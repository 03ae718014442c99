using ArtifactRegistry.Kubernetes;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Tests.TestServers;

namespace ArtifactRegistry.Tests.Kubernetes;

/// <summary>Kubeconfig files as kubectl reads them, and a credential plugin renewing its token before it expires.</summary>
public sealed class KubeconfigLoaderTests
{
    private TempDirectory _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = TempDirectory.Create("ar-kubeconfig-");

    [TearDown]
    public void DeleteDirectory() => _directory.Dispose();

    private static string Config(string current, string context, string user, string userEntry, string server = "https://127.0.0.1:6443") => $"""
        apiVersion: v1
        kind: Config
        {(current.Length == 0 ? "" : $"current-context: {current}")}
        clusters:
        - name: {context}-cluster
          cluster:
            server: {server}
            insecure-skip-tls-verify: true
        contexts:
        - name: {context}
          context:
            cluster: {context}-cluster
            user: {user}
            namespace: team
        users:
        - name: {user}
          user:
        {userEntry}
        """;

    private KubeconfigOptions Options(string? kubeconfigVariable = null, string? path = null, string? context = null, TimeProvider? time = null) => new()
    {
        Path = path,
        Context = context,
        Environment = name => name == "KUBECONFIG" ? kubeconfigVariable : Environment.GetEnvironmentVariable(name),
        HomeDirectory = _directory.Path,
        Time = time ?? TimeProvider.System,
    };

    [Test]
    public void KUBECONFIG_files_merge_with_the_first_current_context_winning_and_missing_files_skipped()
    {
        var first = _directory.WriteFile("a", Config("", "staging", "alice", "    token: a"));
        var second = _directory.WriteFile("b", Config("prod", "prod", "bob", "    token: b"));

        var connection = KubeconfigLoader.Load(Options($"{_directory.Combine("missing")}:{first}:{second}"));

        Assert.That((connection.ContextName, connection.UserName, connection.Namespace), Is.EqualTo(("prod", "bob", "team")));
        Assert.That(connection.Files, Is.EqualTo(new[] { first, second }));
        Assert.That(KubeconfigLoader.Load(Options($"{first}:{second}", context: "staging")).UserName, Is.EqualTo("alice"));
    }

    [Test]
    public void Without_kubeconfig_the_places_looked_at_are_named() =>
        Assert.That(() => KubeconfigLoader.Load(Options()), Throws.TypeOf<KubeconfigException>().With.Message.StartsWith(
            $"There is no kubeconfig: KUBECONFIG is not set and {_directory.Combine(".kube", "config")} does not exist."));

    [Test]
    public void A_file_that_is_not_yaml_is_named_with_the_parsers_position()
    {
        var file = _directory.WriteFile("broken", "clusters: [\n  - name: x\n    : :");

        Assert.That(() => KubeconfigLoader.Load(Options(path: file)),
            Throws.TypeOf<KubeconfigException>().With.Message.StartsWith($"The kubeconfig file {file} cannot be read as a kubeconfig:"));
    }

    [Test]
    public void An_entry_of_the_wrong_shape_is_named_with_its_line()
    {
        var file = _directory.WriteFile("shape", Config("prod", "prod", "bob", "    token: b").Replace("insecure-skip-tls-verify: true", "insecure-skip-tls-verify: maybe"));

        var exception = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(Options(path: file)))!;

        Assert.That(exception.Problem, Is.EqualTo(KubeconfigProblem.Invalid));
        Assert.That(exception.Message, Does.StartWith($"The kubeconfig file {file} cannot be read as a kubeconfig:")
            .And.Contain("insecure-skip-tls-verify should be true or false").And.Contain("(line 8, column 31)"));
    }

    [Test]
    public void Every_field_kubectl_writes_reaches_the_client_configuration()
    {
        var ca = _directory.WriteFile("certs/ca.pem", "not used before a request");
        var file = _directory.WriteFile("full", """
            apiVersion: v1
            kind: Config
            preferences: {}
            current-context: full
            clusters:
            - name: full-cluster
              cluster:
                server: https://10.0.0.1:443
                certificate-authority: certs/ca.pem
                tls-server-name: kubernetes.default
              extensions:
              - name: client.authentication.k8s.io/exec
                extension: {audience: x}
            contexts:
            - name: full
              context:
                cluster: full-cluster
                user: full-user
                namespace: apps
            users:
            - name: full-user
              user:
                token: secret-token
                as: impersonated
                as-groups: [team-a, team-b]
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: sh
                  args: ["-c", "true"]
                  env:
                  - name: A
                    value: b
                  installHint: install it
                  provideClusterInfo: true
                  interactiveMode: Never
            """);

        var config = KubeconfigFiles.Load(Options(path: file)).Config;
        var connection = KubeconfigLoader.Load(Options(path: file));

        var user = config.Users.Single().UserCredentials;
        Assert.Multiple(() =>
        {
            Assert.That(connection.Server, Is.EqualTo("https://10.0.0.1:443"));
            Assert.That((connection.ContextName, connection.UserName, connection.Namespace), Is.EqualTo(("full", "full-user", "apps")));
            Assert.That(config.Clusters.Single().ClusterEndpoint.CertificateAuthority, Is.EqualTo(ca), "made absolute against the file's folder");
            Assert.That(config.Clusters.Single().ClusterEndpoint.TlsServerName, Is.EqualTo("kubernetes.default"));
            Assert.That((user.Impersonate, user.ImpersonateGroups), Is.EqualTo(("impersonated", new[] { "team-a", "team-b" })));
            Assert.That(user.ExternalExecution.Arguments, Is.EqualTo(new[] { "-c", "true" }));
            Assert.That(user.ExternalExecution.EnvironmentVariables.Single(), Is.EqualTo(new Dictionary<string, string> { ["name"] = "A", ["value"] = "b" }));
            Assert.That((user.ExternalExecution.InstallHint, user.ExternalExecution.ProvideClusterInfo), Is.EqualTo(("install it", true)));
            Assert.That(connection.UsesExecPlugin, Is.True);
        });
    }

    [Test]
    public void The_legacy_gcp_auth_provider_is_refused_with_the_plugin_to_install()
    {
        var file = _directory.WriteFile("legacy", Config("gke", "gke", "gcp", "      auth-provider:\n        name: gcp\n        config:\n          access-token: x"));

        var exception = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(Options(path: file)));

        Assert.That(exception!.Problem, Is.EqualTo(KubeconfigProblem.UnsupportedCredentials));
        Assert.That(exception.Message, Does.Contain("legacy `auth-provider: gcp`").And.Contain("gke-gcloud-auth-plugin"));
    }

    [Test]
    public async Task An_exec_plugins_token_is_kept_until_30_s_before_it_expires_then_renewed()
    {
        var runs = _directory.Combine("runs");
        var plugin = _directory.WriteFile("plugin.sh",
            "#!/bin/sh\n" +
            $"echo run >> '{runs}'\n" +
            $"n=$(wc -l < '{runs}')\n" +
            "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"token-%s\",\"expirationTimestamp\":\"2030-01-01T01:00:00Z\"}}' \"$(echo $n)\"\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var file = _directory.WriteFile("exec", Config("gke", "gke", "plugin",
            $"      exec:\n        apiVersion: client.authentication.k8s.io/v1beta1\n        command: {plugin}\n        provideClusterInfo: true"));
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var connection = KubeconfigLoader.Load(Options(path: file, time: clock));
        var provider = connection.ClientConfiguration.TokenProvider!;
        Assert.That(File.Exists(runs), Is.False, "loading runs no plugin; the first request does");

        var first = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(59));
        var stillValid = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(31));
        var renewed = await provider.GetAuthenticationHeaderAsync(CancellationToken.None);

        Assert.That((first.Parameter, stillValid.Parameter, renewed.Parameter), Is.EqualTo(("token-1", "token-1", "token-2")));
        Assert.That(connection.UsesExecPlugin, Is.True);
    }

    [Test]
    public async Task A_failing_exec_plugin_gives_its_error_output_and_the_gcloud_fix()
    {
        var bin = Directory.CreateDirectory(_directory.Combine("bin")).FullName;
        var plugin = _directory.WriteFile("bin/gke-gcloud-auth-plugin", "#!/bin/sh\necho 'ERROR: gcloud.config.config-helper: Reauthentication failed.' >&2\nexit 1\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var file = _directory.WriteFile("exec", Config("gke", "gke", "plugin",
            $"      exec:\n        apiVersion: client.authentication.k8s.io/v1beta1\n        command: {plugin}"));

        var provider = KubeconfigLoader.Load(Options(path: file)).ClientConfiguration.TokenProvider!;
        var exception = await Assert.ThrowsAsync<KubeconfigException>(() => provider.GetAuthenticationHeaderAsync(CancellationToken.None));

        Assert.That(exception!.Problem, Is.EqualTo(KubeconfigProblem.ExecPluginFailed));
        Assert.That(exception.Message, Does.Contain("exited with code 1: ERROR: gcloud.config.config-helper: Reauthentication failed.").And.Contain("gcloud auth login"));
    }
}
