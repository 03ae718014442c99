using System.Text.RegularExpressions;
using ArtifactRegistry.References;

namespace ArtifactRegistry.Docker;

/// <summary>What <c>docker push</c> printed that matters: the digest line and how many layers went up.</summary>
internal sealed partial class DockerPushOutput
{
    /// <summary>From <c>TAG: digest: sha256:… size: N</c>, the last line of a successful push.</summary>
    public ImageDigest? Digest { get; private set; }

    /// <summary>Layers uploaded (<c>…: Pushed</c>).</summary>
    public int LayersPushed { get; private set; }

    /// <summary>Layers the registry had already (<c>…: Layer already exists</c>, or mounted from another repository).</summary>
    public int LayersAlreadyPresent { get; private set; }

    /// <summary>Reads one line of standard output.</summary>
    public void Add(string line)
    {
        var digestLine = DigestLine().Match(line);
        if (digestLine.Success)
        {
            Digest = ImageDigest.Parse(digestLine.Groups["digest"].Value);
            return;
        }
        var layer = LayerLine().Match(line);
        if (!layer.Success)
            return;
        var status = layer.Groups["status"].Value;
        if (status == "Pushed")
            LayersPushed++;
        else if (status == "Layer already exists" || status.StartsWith("Mounted from", StringComparison.Ordinal))
            LayersAlreadyPresent++;
    }

    public static DockerPushOutput Parse(string standardOutput)
    {
        var output = new DockerPushOutput();
        foreach (var line in standardOutput.Split('\n'))
            output.Add(line.TrimEnd('\r'));
        return output;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}: digest: (?<digest>sha256:[0-9a-f]{64}) size: \d+\s*$")]
    private static partial Regex DigestLine();

    [GeneratedRegex(@"^(?<layer>[0-9a-f]{12}): (?<status>Pushed|Layer already exists|Mounted from .+)\s*$")]
    private static partial Regex LayerLine();
}
