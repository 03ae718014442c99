using ArtifactRegistry.Hints;

namespace ArtifactRegistry.GitOps;

/// <summary>The kustomization to pin images in is missing, not YAML, or not a Kustomization; the file is left untouched and the message says what was found.</summary>
public sealed class KustomizationException : Exception
{
    internal KustomizationException(string message, Exception? inner = null) : base(message, inner) =>
        this.Naming(SettingNames.Kustomization.With("deploy/overlays/prod"));

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);
}
