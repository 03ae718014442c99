using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ArtifactRegistry.Sandbox.Clients;

namespace ArtifactRegistry.Sandbox.Cluster.Gke;

/// <summary>
/// The cluster's TLS: a self-signed CA (what a kubeconfig's <c>certificate-authority-data</c> and GKE's
/// <c>masterAuth.clusterCaCertificate</c> carry) and a server certificate for 127.0.0.1 signed by it. Kept in the state
/// directory (keys 0600) so that kubeconfigs written before a restart stay valid; made afresh otherwise.
/// </summary>
internal sealed class ClusterCertificates
{
    private ClusterCertificates(string caPem, X509Certificate2 server)
    {
        CaPem = caPem;
        Server = server;
    }

    public string CaPem { get; }

    /// <summary>The server certificate with its private key, for Kestrel.</summary>
    public X509Certificate2 Server { get; }

    public string CaBase64 => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(CaPem));

    public static ClusterCertificates LoadOrCreate(string? directory)
    {
        if (directory is not null)
        {
            var files = Paths(directory);
            if (files.All(File.Exists))
            {
                var server = X509Certificate2.CreateFromPemFile(files[2], files[3]);
                return new ClusterCertificates(File.ReadAllText(files[0]), Exportable(server));
            }
        }

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=sandbox-cluster-ca, O=ArtifactRegistry.Sandbox", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddHours(-1), now.AddYears(10));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=kube-apiserver", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        foreach (var dns in new[] { "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local" })
            names.AddDnsName(dns);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = serverRequest.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddHours(-1), now.AddYears(10), serial);
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        var caPem = ca.ExportCertificatePem() + "\n";
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
            var files = Paths(directory);
            File.WriteAllText(files[0], caPem);
            SecretFile.Write(files[1], caKey.ExportPkcs8PrivateKeyPem() + "\n");
            File.WriteAllText(files[2], withKey.ExportCertificatePem() + "\n");
            SecretFile.Write(files[3], serverKey.ExportPkcs8PrivateKeyPem() + "\n");
        }

        return new ClusterCertificates(caPem, Exportable(withKey));
    }

    // Kestrel wants a certificate whose key it can use for every handshake; a PKCS#12 round trip gives one on every platform.
    private static X509Certificate2 Exportable(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);

    private static string[] Paths(string directory) =>
    [
        Path.Combine(directory, "cluster-ca.pem"), Path.Combine(directory, "cluster-ca.key"),
        Path.Combine(directory, "cluster-server.pem"), Path.Combine(directory, "cluster-server.key"),
    ];
}
