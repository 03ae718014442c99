using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing;
using ArtifactRegistry.Testing.Json;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Sandbox.Tests.RealClients;

/// <summary>
/// The official Python client (Debian's python3-kubernetes, which .ci/install installs) against the sandbox cluster: typed
/// lists, a watch resumed from a list's resourceVersion, and pod statuses deserialized into its own models.
/// </summary>
public class PythonClientTests
{
    // Debian's interpreter, where python3-kubernetes installs; a python3 earlier on PATH (pyenv, venv) would not see the package.
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import json, sys
        from kubernetes import client, config, watch
        config.load_kube_config(config_file=sys.argv[1], context="my-cluster-context")
        apps, core = client.AppsV1Api(), client.CoreV1Api()
        listed = apps.list_namespaced_deployment("sample-namespace")
        apps.patch_namespaced_deployment_scale("sample-api", "sample-namespace", {"spec": {"replicas": 3}})
        events = []
        for event in watch.Watch().stream(apps.list_namespaced_deployment, "sample-namespace",
                                          resource_version=listed.metadata.resource_version, timeout_seconds=60):
            d = event["object"]
            events.append([event["type"], d.metadata.generation, d.spec.replicas, d.status.available_replicas])
            if d.spec.replicas == 3 and d.status.available_replicas == 3 and d.status.observed_generation == d.metadata.generation:
                break
        pods = [[p.metadata.name, p.status.phase, [[c.name, c.ready, c.image_id, c.restart_count] for c in p.status.container_statuses]]
                for p in core.list_namespaced_pod("sample-namespace", label_selector="app=sample-api").items
                if p.metadata.deletion_timestamp is None]
        print(json.dumps({"listed": [d.metadata.name for d in listed.items], "events": events, "pods": pods}))
        """;

    [Test]
    public async Task The_python_client_lists_watches_deployments_and_reads_pod_statuses()
    {
        RequirePythonKubernetes();
        await using var cluster = await TestCluster.StartAsync();
        var script = cluster.Directory.WriteFile("client.py", Script);

        var run = await ExternalProgram.RunAsync(Python, [script, await cluster.KubeconfigAsync()], cluster.KubectlHome.EnvironmentVariables);
        Assert.That(run.Succeeded, Is.True, run.StandardError);
        var output = RequiredJson.Parse(run.StandardOutput, "the python client's output");

        var events = output.Require("events").AsArray().Select(e => e!.AsArray()).ToList();
        var pods = output.Require("pods").AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(output.Require("listed").AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "sample-api" }));
            Assert.That(events.Select(e => e.Require<string>(0)), Has.All.EqualTo("MODIFIED"));
            Assert.That(events[^1].Select(v => v!.ToJsonString()), Is.EqualTo(new[] { "\"MODIFIED\"", "2", "3", "3" }), "scaling is a spec change: generation 2");
            Assert.That(pods, Has.Count.EqualTo(3));
            Assert.That(pods.Select(p => p.Require<string>(1)), Has.All.EqualTo("Running"));
            Assert.That(pods.Select(p => p.Require<string>(2, 0, 2)), Has.All.StartWith("asia-docker.pkg.dev/cluster-project/apps/sample-api@sha256:"));
        });
    }

    private static void RequirePythonKubernetes()
    {
        Prerequisites.RequireProgram(Python);
        var probe = ExternalProgram.RunAsync(Python, ["-c", "import kubernetes"]).GetAwaiter().GetResult();
        if (!probe.Succeeded)
            Prerequisites.Missing(
                $"{Python} cannot import the kubernetes module ({probe.StandardError.Trim()}). It comes from Debian's python3-kubernetes package; " +
                ".ci/install installs it (.ci/run calls it first): run `bash .ci/install` as root.",
                Prerequisites.InContinuousIntegration);
    }
}
