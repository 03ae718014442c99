using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Docker;

/// <summary>
/// A requested platform's <c>RUN</c> steps would need an emulator the kernel does not have (binfmt_misc); found before anything
/// is built, instead of docker's late <c>exec format error</c>.
/// </summary>
public sealed class PlatformEmulationMissingException : Exception
{
    internal PlatformEmulationMissingException(string message, IReadOnlyList<string> platforms, params SettingName[] settings) : base(message)
    {
        Platforms = platforms;
        this.Naming(settings);
    }

    /// <summary>The platforms that cannot be built here, e.g. <c>linux/arm64</c>.</summary>
    public IReadOnlyList<string> Platforms { get; }

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);
}
