using System.Text.RegularExpressions;
using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.Docker;
using ArtifactRegistry.Testing.Gcloud;
using ArtifactRegistry.Testing.Processes;

namespace ArtifactRegistry.Sandbox.Tests.RealClients;

/// <summary>
/// The sandbox with the real clients pointed at it: the shared private dockerd, docker CLIs with their own config, and gcloud
/// with a throwaway config sending its Artifact Registry calls to the sandbox. A missing dockerd or gcloud fails the test under
/// <c>CI=true</c> and ignores it elsewhere (the fixtures' guard).
/// </summary>
internal sealed partial class RealClientSandbox : IAsyncDisposable
{
    private RealClientSandbox(TestSandbox sandbox, PrivateDockerd engine)
    {
        Sandbox = sandbox;
        Engine = engine;
    }

    public TestSandbox Sandbox { get; }

    public SandboxServer Server => Sandbox.Server;

    public PrivateDockerd Engine { get; }

    /// <summary>The local stand-in for <c>asia-docker.pkg.dev</c>, which docker pushes to.</summary>
    public string Host => Server.RegistryHost("asia");

    public static async Task<RealClientSandbox> StartAsync(SandboxOptions? options = null)
    {
        var engine = await PrivateDockerd.SharedAsync();
        return new RealClientSandbox(await TestSandbox.StartAsync(options), engine);
    }

    /// <summary>gcloud acting as <paramref name="principal"/> against the sandbox (the token travels in the environment only).</summary>
    public GcloudCli Gcloud(string principal) =>
        GcloudCli.Create(allowUnrecognizedRegistry: true)
            .WithProject(TestSandbox.Project)
            .WithArtifactRegistryEndpoint(Server.ApiEndpoint)
            .WithAccessToken(Server.IssueAccessToken(principal));

    /// <summary><c>HOST/sample-project/sample/IMAGE:TAG</c> on the local registry host.</summary>
    public string Reference(string image, string tag = "latest", string repository = TestSandbox.Repository) =>
        $"{Host}/{TestSandbox.Project}/{repository}/{image}:{tag}";

    /// <summary>The canonical name gcloud is given for the same image.</summary>
    public static string Canonical(string image) => $"asia-docker.pkg.dev/{TestSandbox.Project}/{TestSandbox.Repository}/{image}";

    /// <summary>Builds a <c>FROM scratch</c> image with unique content and tags it as <paramref name="references"/>.</summary>
    public Task<BuiltImage> BuildAsync(params string[] references) =>
        ScratchImage.BuildAsync(Engine, "payload " + Guid.NewGuid(), references);

    /// <summary>The digest in docker push's <c>TAG: digest: sha256:… size: N</c> line.</summary>
    public static string PushedDigest(CommandResult push)
    {
        var match = DigestLine().Match(push.StandardOutput);
        Assert.That(match.Success, Is.True, $"no digest line in `{push.CommandLine}` output: {push.StandardOutput} {push.StandardError}");
        return match.Groups[1].Value;
    }

    /// <summary>The last line a failing docker command printed on stderr: where the CLI puts the registry's error.</summary>
    public static string LastErrorLine(CommandResult result) =>
        result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    public async ValueTask DisposeAsync() => await Sandbox.DisposeAsync();

    [GeneratedRegex(@"digest: (sha256:[0-9a-f]{64}) size: \d+")]
    private static partial Regex DigestLine();
}
