using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using ArtifactRegistry.Sandbox.Storage;
using k8s.Models;

namespace ArtifactRegistry.Sandbox.Cluster;

/// <summary>
/// What the cluster starts with, as in the seed article: namespace <c>sample-namespace</c> with deployment <c>sample-api</c>
/// (2 replicas, container <c>sample-api</c>) running an image the sandbox writes into <c>cluster-project</c>'s own repository,
/// which the node pool's account may read; it has no role on <c>sample-project</c>, where the article's pushes go.
/// </summary>
internal static class ClusterSeed
{
    public const string Namespace = "sample-namespace";
    public const string Deployment = "sample-api";
    private const string ImageRepository = "apps";
    private const string ImageName = "sample-api";
    private const string ImageTag = "1.0.0";

    /// <summary>The principals, repository and IAM bindings the cluster's seed needs, added to the sandbox's own seed.</summary>
    public static SandboxSeed Extend(SandboxSeed seed, SandboxClusterOptions cluster)
    {
        var project = "projects/" + cluster.Project;
        var extended = seed
            .AddPrincipal(cluster.NodePullAccount)
            .AddBinding(project, "roles/artifactregistry.reader", SandboxServer.MemberOf(cluster.NodePullAccount));
        if (!seed.Repositories.Any(r => r.Project == cluster.Project && r.Location == "asia" && r.Repository == ImageRepository))
            extended = extended.AddRepository(cluster.Project, "asia", ImageRepository);
        foreach (var (principal, role) in new[]
                 {
                     (SandboxPrincipals.Deployer, "roles/container.developer"),
                     (SandboxPrincipals.Admin, "roles/container.admin"),
                     (SandboxPrincipals.Viewer, "roles/container.viewer"),
                 })
        {
            if (seed.Principals.Contains(principal))
                extended = extended.AddBinding(project, role, SandboxServer.MemberOf(principal));
        }

        return extended;
    }

    /// <summary>
    /// Writes the sample image (one small layer) into the cluster project's repository, tagged as <see cref="SandboxClusterOptions.SampleImage"/>:
    /// a linux/amd64 image, or, when the cluster has nodes of other architectures, an index with an image for each of them.
    /// </summary>
    public static async Task WriteSampleImageAsync(ArtifactStore store, SandboxClusterOptions cluster, CancellationToken cancellationToken)
    {
        var repository = new RepositoryName(cluster.Project, "asia", ImageRepository);
        if (!store.RepositoryExists(repository) || store.ResolveManifest(repository, ImageName, ImageTag) is not null)
            return;
        var layer = Layer();
        var diffId = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Layer(compress: false)));
        await PutBlobAsync(store, repository, layer, cancellationToken).ConfigureAwait(false);
        var architectures = new ClusterNodes(cluster).All.Select(n => n.Architecture).Prepend("amd64").Distinct(StringComparer.Ordinal).ToList();
        var built = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var children = new List<string>();
        foreach (var architecture in architectures)
        {
            var config = Encoding.UTF8.GetBytes(
                $"{{\"architecture\":\"{architecture}\",\"os\":\"linux\",\"created\":\"2024-05-06T07:08:09Z\"," +
                "\"config\":{\"Cmd\":[\"/sample-api\"],\"ExposedPorts\":{\"8080/tcp\":{}},\"Labels\":{\"org.opencontainers.image.title\":\"sample-api\"}}," +
                $"\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[\"{diffId}\"]}}}}");
            await PutBlobAsync(store, repository, config, cancellationToken).ConfigureAwait(false);
            var manifest = Encoding.UTF8.GetBytes(
                $"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\"," +
                $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{Digest.Of(config)}\",\"size\":{config.Length}}}," +
                $"\"layers\":[{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"{Digest.Of(layer)}\",\"size\":{layer.Length}}}]}}");
            var document = ManifestDocument.Parse(manifest, MediaTypes.OciManifest);
            store.PutManifest(repository, ImageName, ManifestVersion.From(document, manifest, store.Now, built), architectures.Count == 1 ? ImageTag : null);
            children.Add($"{{\"mediaType\":\"{MediaTypes.OciManifest}\",\"digest\":\"{Digest.Of(manifest)}\",\"size\":{manifest.Length}," +
                         $"\"platform\":{{\"architecture\":\"{architecture}\",\"os\":\"linux\"}}}}");
        }

        if (architectures.Count == 1)
            return;
        var index = Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciIndex}\",\"manifests\":[{string.Join(",", children)}]}}");
        store.PutManifest(repository, ImageName, ManifestVersion.From(ManifestDocument.Parse(index, MediaTypes.OciIndex), index, store.Now, built), ImageTag);
    }

    private static async Task PutBlobAsync(ArtifactStore store, RepositoryName repository, byte[] blob, CancellationToken cancellationToken)
    {
        var digest = Digest.Of(blob);
        await store.Blobs.PutAsync(digest, blob, cancellationToken).ConfigureAwait(false);
        store.LinkBlob(repository, digest, blob.Length);
    }

    public static V1Deployment SampleDeployment() => new()
    {
        Metadata = new V1ObjectMeta { Name = Deployment, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { ["app"] = Deployment } },
        Spec = new V1DeploymentSpec
        {
            Replicas = 2,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = Deployment } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = Deployment } },
                Spec = new V1PodSpec
                {
                    Containers = [new V1Container { Name = Deployment, Image = SandboxClusterOptions.SampleImage, Ports = [new V1ContainerPort { ContainerPort = 8080, Protocol = "TCP" }] }],
                },
            },
        },
    };

    /// <summary>A tar (gzip) layer with one file; fixed timestamps, so the digest is the same on every start.</summary>
    private static byte[] Layer(bool compress = true)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var entry = new UstarTarEntry(TarEntryType.RegularFile, "sample-api")
            {
                ModificationTime = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes("#!/bin/sh\necho sample-api: the sandbox cluster simulates this container\n")),
            };
            writer.WriteEntry(entry);
        }

        if (!compress)
            return tar.ToArray();
        using var gzip = new MemoryStream();
        using (var zip = new GZipStream(gzip, CompressionLevel.Optimal, leaveOpen: true))
            zip.Write(tar.ToArray());
        return gzip.ToArray();
    }
}
