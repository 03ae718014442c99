using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.FileSystem;

namespace ArtifactRegistry.Sandbox.Tests.Operations;

public class EnvFileTests
{
    [Test]
    public async Task The_env_file_holds_endpoints_host_map_token_and_key_files_and_is_private()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var folder = TempDirectory.Create("ar-sandbox-tests-");
        var path = folder.Combine("sandbox.env");

        await sandbox.Server.WriteEnvFileAsync(path, folder.Combine("keys"));
        var variables = (await File.ReadAllLinesAsync(path))
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\''));

        // The library finds the token's owner at ARTIFACT_REGISTRY_TOKENINFO_URL, so the variable must lead to the sandbox's tokeninfo.
        var token = await RestAnswer.ReadAsync(await sandbox.Http.GetAsync(variables["ARTIFACT_REGISTRY_TOKENINFO_URL"] + "?access_token=" + variables["CLOUDSDK_AUTH_ACCESS_TOKEN"]));
        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(variables["ARTIFACT_REGISTRY_SANDBOX"], Is.EqualTo(sandbox.Server.ApiEndpoint.ToString()));
            Assert.That(variables["CLOUDSDK_API_ENDPOINT_OVERRIDES_ARTIFACTREGISTRY"], Is.EqualTo(sandbox.Server.ApiEndpoint.ToString()));
            Assert.That(variables["ARTIFACT_REGISTRY_HOST_MAP"], Is.EqualTo(
                $"asia-docker.pkg.dev={sandbox.Server.RegistryHost("asia")},us-docker.pkg.dev={sandbox.Server.RegistryHost("us")}"));
            Assert.That(variables["CLOUDSDK_CORE_PROJECT"], Is.EqualTo("sample-project"));
            Assert.That(token.Json["email"]!.GetValue<string>(), Is.EqualTo(SandboxPrincipals.Deployer));
            Assert.That(variables["GOOGLE_APPLICATION_CREDENTIALS"], Is.EqualTo(variables["ARTIFACT_REGISTRY_SANDBOX_KEY_DEPLOYER"]));
            Assert.That(new[] { "ADMIN", "DEPLOYER", "VIEWER", "GKE_NODES" }.Select(n => File.Exists(variables["ARTIFACT_REGISTRY_SANDBOX_KEY_" + n])), Is.All.True);
        });
    }

    [Test]
    public async Task With_a_cluster_the_env_file_names_a_private_kubeconfig_beside_it_and_the_GKE_endpoint_override()
    {
        await using var sandbox = await TestSandbox.StartAsync(new SandboxOptions().WithCluster(SandboxClusterOptions.Default));
        using var folder = TempDirectory.Create("ar-sandbox-tests-");
        var path = folder.Combine("sandbox.env");

        await sandbox.Server.WriteEnvFileAsync(path, folder.Combine("keys"));
        var variables = (await File.ReadAllLinesAsync(path))
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\''));
        var kubeconfig = await File.ReadAllTextAsync(folder.Combine("kubeconfig"));

        Assert.Multiple(() =>
        {
            Assert.That(variables["KUBECONFIG"], Is.EqualTo(folder.Combine("kubeconfig")));
            Assert.That(File.GetUnixFileMode(variables["KUBECONFIG"]), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(variables["CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER"], Is.EqualTo(sandbox.Server.ApiEndpoint.ToString()));
            Assert.That(variables["ARTIFACT_REGISTRY_SANDBOX_CLUSTER"], Is.EqualTo(sandbox.Server.ClusterEndpoint!.ToString()));
            Assert.That(kubeconfig, Does.Contain("name: sandbox\n").And.Contain("name: my-cluster-context\n").And.Contain("current-context: sandbox\n"));
            Assert.That(kubeconfig, Does.Contain("server: " + sandbox.Server.ClusterEndpoint!.GetLeftPart(UriPartial.Authority)));
        });
    }

    [Test]
    public async Task The_env_file_names_the_control_api_and_gives_an_admin_token_for_it_apart_from_the_clients_token()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var folder = TempDirectory.Create("ar-sandbox-tests-");
        var path = folder.Combine("sandbox.env");

        await sandbox.Server.WriteEnvFileAsync(path, folder.Combine("keys"));
        var variables = (await File.ReadAllLinesAsync(path))
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\''));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(variables["ARTIFACT_REGISTRY_SANDBOX_CONTROL"]), "faults"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", variables["ARTIFACT_REGISTRY_SANDBOX_CONTROL_TOKEN"]);
        var faults = await RestAnswer.ReadAsync(await sandbox.Http.SendAsync(request));
        var owner = await RestAnswer.ReadAsync(await sandbox.Http.GetAsync(sandbox.Api("tokeninfo?access_token=" + variables["ARTIFACT_REGISTRY_SANDBOX_CONTROL_TOKEN"])));

        Assert.Multiple(() =>
        {
            Assert.That(variables["ARTIFACT_REGISTRY_SANDBOX_CONTROL"], Is.EqualTo(sandbox.Server.ControlEndpoint.ToString()));
            Assert.That(variables["ARTIFACT_REGISTRY_SANDBOX_CONTROL"], Does.StartWith("http://127.0.0.1:").And.EndWith("/sandbox/v1/"));
            Assert.That(faults.Status, Is.EqualTo(System.Net.HttpStatusCode.OK), faults.ToString());
            Assert.That(owner.Json["email"]!.GetValue<string>(), Is.EqualTo(SandboxPrincipals.Admin));
            Assert.That(variables["CLOUDSDK_AUTH_ACCESS_TOKEN"], Is.Not.EqualTo(variables["ARTIFACT_REGISTRY_SANDBOX_CONTROL_TOKEN"]));
        });
    }

    [Test]
    public async Task Sourcing_the_env_file_in_a_shell_gives_the_same_values()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var folder = TempDirectory.Create("ar-sandbox-tests-");
        var path = folder.Combine("sandbox.env");
        await sandbox.Server.WriteEnvFileAsync(path, folder.Combine("keys"));

        var shell = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", ". \"$1\" && printf '%s\\n' \"$ARTIFACT_REGISTRY_HOST_MAP\"", "sh", path },
            RedirectStandardOutput = true,
        })!;
        var output = await shell.StandardOutput.ReadToEndAsync();
        await shell.WaitForExitAsync();

        Assert.That(output.Trim(), Does.StartWith("asia-docker.pkg.dev=127.0.0.1:"));
    }
}
