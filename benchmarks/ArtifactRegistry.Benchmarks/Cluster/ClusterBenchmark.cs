using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ArtifactRegistry.Benchmarks.Measurement;
using ArtifactRegistry.Benchmarks.Sandbox;
using ArtifactRegistry.Sandbox;
using k8s;
using k8s.Models;

namespace ArtifactRegistry.Benchmarks.Cluster;

/// <summary>
/// <c>cluster</c>: the sandbox cluster must never be what a test waits on. GET deployment requests/s over HTTPS next to a bare
/// Kestrel (HTTPS, same body) in the same run (target ≥ 2,000/s), the time of a 2-replica rollout at test speed (target ≤ 2 s),
/// and the process CPU while 200 deployments × 3 replicas roll out at once (target &lt; 1 core).
/// </summary>
internal sealed class ClusterBenchmark : IBenchmarkCommand
{
    private const double GetTarget = 2000;
    private static readonly TimeSpan RolloutTarget = TimeSpan.FromSeconds(2);
    private const double CpuTarget = 1.0;
    private const string Path = "apis/apps/v1/namespaces/sample-namespace/deployments/sample-api";

    public string Name => "cluster";

    public string Description => "sandbox cluster: GET deployment req/s vs bare Kestrel (HTTPS), 2-replica rollout time, CPU of 200x3 rollouts (--clients 16 --seconds 5 --rollouts 10 --deployments 200)";

    public async Task<int> RunAsync(BenchmarkArguments arguments, CancellationToken cancellationToken)
    {
        var clients = arguments.Int("clients", 16);
        var duration = TimeSpan.FromSeconds(arguments.Seconds("seconds", 5));
        var warmUp = TimeSpan.FromSeconds(arguments.Seconds("warmup", 1));
        var rollouts = arguments.Int("rollouts", 10);
        var deployments = arguments.Int("deployments", 200);

        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions().WithCluster(SandboxClusterOptions.Default), cancellationToken);
        var folder = Directory.CreateTempSubdirectory("ar-cluster-bench-").FullName;
        try
        {
            var kubeconfig = await sandbox.WriteKubeconfigAsync(System.IO.Path.Combine(folder, "kubeconfig"));
            using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            Console.WriteLine($"Cluster benchmark: {Environment.ProcessorCount} cores, {clients} GET clients, {duration.TotalSeconds:0.#} s measured after {warmUp.TotalSeconds:0.#} s warm-up, " +
                              $"{rollouts} rollouts, {deployments} deployments x 3 replicas, .NET {Environment.Version}");
            Console.WriteLine();

            var get = await GetRateAsync(sandbox, clients, warmUp, duration, cancellationToken);
            var rollout = await RolloutTimeAsync(client, rollouts, cancellationToken);
            var cpu = await RolloutCpuAsync(client, deployments, cancellationToken);

            Console.WriteLine();
            var getMet = get >= GetTarget;
            var rolloutMet = rollout <= RolloutTarget;
            var cpuMet = cpu < CpuTarget;
            Console.WriteLine($"GET target >= {GetTarget:N0} req/s: {(getMet ? "met" : "NOT met")}; rollout target <= {RolloutTarget.TotalSeconds:0} s: {(rolloutMet ? "met" : "NOT met")}; " +
                              $"CPU target < {CpuTarget:0} core: {(cpuMet ? "met" : "NOT met")}.");
            return getMet && rolloutMet && cpuMet ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> GetRateAsync(SandboxServer sandbox, int clients, TimeSpan warmUp, TimeSpan duration, CancellationToken cancellationToken)
    {
        var token = sandbox.IssueAccessToken(SandboxPrincipals.Deployer);
        var ca = X509Certificate2.CreateFromPem(sandbox.ClusterCaCertificatePem!);
        using var baselineCertificate = SelfSigned();
        using var http = new HttpClient(TrustingHandler(clients, ca, baselineCertificate));
        var deploymentUri = new Uri(sandbox.ClusterEndpoint!, Path);
        var body = await GetBytesAsync(http, deploymentUri, token, cancellationToken);
        await using var baseline = await BareKestrel.StartAsync(baselineCertificate, body);
        var baselineUri = new Uri(baseline.Endpoint, Path);

        var measured = await LoadRun.RunAsync(clients, warmUp, duration, (_, ct) => GetAsync(http, deploymentUri, token, ct), cancellationToken);
        var reference = await LoadRun.RunAsync(clients, warmUp, duration, (_, ct) => GetAsync(http, baselineUri, null, ct), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"GET deployment (HTTPS, bearer token, IAM)",-44} sandbox {measured.PerSecond,10:N0} req/s  baseline {reference.PerSecond,10:N0} req/s  ratio {measured.PerSecond / reference.PerSecond,5:0.00}{(measured.Failures > 0 ? $"  ({measured.Failures} failed)" : "")}"));
        return measured.PerSecond;
    }

    /// <summary>Rolls the seeded deployment back and forth between its image by tag and by digest, timing each until complete.</summary>
    private static async Task<TimeSpan> RolloutTimeAsync(k8s.Kubernetes client, int rollouts, CancellationToken cancellationToken)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync("sample-namespace", labelSelector: "app=sample-api", cancellationToken: cancellationToken);
        var byDigest = pods.Items[0].Status.ContainerStatuses[0].ImageID;
        var times = new List<TimeSpan>();
        for (var i = 0; i < rollouts; i++)
        {
            var image = i % 2 == 0 ? byDigest : SandboxClusterOptions.SampleImage;
            var watch = Stopwatch.StartNew();
            var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(SetImage("sample-api", image), "sample-api", "sample-namespace", cancellationToken: cancellationToken);
            await WaitRolledOutAsync(client, "sample-namespace", "sample-api", patched.Metadata.Generation!.Value, cancellationToken);
            times.Add(watch.Elapsed);
        }

        times.Sort();
        var median = times[times.Count / 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"2-replica rollout (patch to rolled out)",-44} median {median.TotalMilliseconds,7:0} ms  min {times[0].TotalMilliseconds,7:0} ms  max {times[^1].TotalMilliseconds,7:0} ms  ({rollouts} rollouts, test speed)"));
        return median;
    }

    /// <summary>Creates N deployments of 3 replicas, then changes all their images at once and measures the process's CPU until every rollout is complete.</summary>
    private static async Task<double> RolloutCpuAsync(k8s.Kubernetes client, int count, CancellationToken cancellationToken)
    {
        const string ns = "bench";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: cancellationToken);
        var names = Enumerable.Range(0, count).Select(i => $"app-{i:000}").ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (name, ct) =>
            await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(name), ns, cancellationToken: ct));
        await WaitAllAsync(client, ns, count, cancellationToken);

        var pods = await client.CoreV1.ListNamespacedPodAsync("sample-namespace", labelSelector: "app=sample-api", cancellationToken: cancellationToken);
        var byDigest = pods.Items[0].Status.ContainerStatuses[0].ImageID;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (name, ct) =>
            await client.AppsV1.PatchNamespacedDeploymentAsync(SetImage("app", byDigest), name, ns, cancellationToken: ct));
        await WaitAllAsync(client, ns, count, cancellationToken);
        var wall = watch.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var cores = cpu.TotalSeconds / wall.TotalSeconds;
        // CPU seconds as well as cores: on a shared machine the wall time stretches when others take the CPU, which lowers the cores figure.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{$"{count} deployments x 3 replicas rolling at once",-44} {wall.TotalSeconds,7:0.0} s wall, {cpu.TotalSeconds:0.0} CPU-s, process CPU {cores,5:0.00} cores (controllers, kubelet, API, and this benchmark's patches and 250 ms polls)"));
        return cores;
    }

    private static async Task WaitAllAsync(k8s.Kubernetes client, string ns, int count, CancellationToken cancellationToken)
    {
        var limit = Stopwatch.StartNew();
        while (true)
        {
            var list = await client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: cancellationToken);
            if (list.Items.Count == count && list.Items.All(Complete))
                return;
            if (limit.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException($"{list.Items.Count(Complete)} of {count} deployments rolled out after 5 minutes.");
            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task WaitRolledOutAsync(k8s.Kubernetes client, string ns, string name, long generation, CancellationToken cancellationToken)
    {
        await foreach (var (_, d) in client.AppsV1.WatchListNamespacedDeploymentAsync(ns, fieldSelector: "metadata.name=" + name, timeoutSeconds: 120, cancellationToken: cancellationToken))
            if (d.Status?.ObservedGeneration >= generation && Complete(d))
                return;
        throw new TimeoutException($"deployment {ns}/{name} did not roll out within 120 s");
    }

    private static bool Complete(V1Deployment d) =>
        d.Status?.ObservedGeneration >= d.Metadata.Generation && d.Status.UpdatedReplicas == d.Spec.Replicas
        && d.Status.Replicas == d.Spec.Replicas && d.Status.AvailableReplicas == d.Spec.Replicas;

    private static V1Patch SetImage(string container, string image) =>
        new($"{{\"spec\":{{\"template\":{{\"spec\":{{\"containers\":[{{\"name\":\"{container}\",\"image\":\"{image}\"}}]}}}}}}}}", V1Patch.PatchType.StrategicMergePatch);

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = 3,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = SandboxClusterOptions.SampleImage }] },
            },
        },
    };

    private static async Task<(bool, long)> GetAsync(HttpClient http, Uri uri, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return (response.IsSuccessStatusCode, body.Length);
    }

    private static async Task<byte[]> GetBytesAsync(HttpClient http, Uri uri, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>Trusts the cluster's CA and the baseline's own certificate, nothing else.</summary>
    private static SocketsHttpHandler TrustingHandler(int connections, X509Certificate2 ca, X509Certificate2 baseline)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
        {
            if (certificate is null || chain is null)
                return false;
            if (certificate.GetCertHashString() == baseline.GetCertHashString())
                return true;
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
        return handler;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=bare-kestrel", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
