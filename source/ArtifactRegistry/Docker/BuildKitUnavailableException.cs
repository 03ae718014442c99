using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Docker;

/// <summary>
/// The build needs BuildKit (it has build secrets, which only BuildKit mounts) and the docker CLI offers none; raised before
/// the build starts. The message says which builder is needed and how to get one.
/// </summary>
public sealed class BuildKitUnavailableException : InvalidOperationException
{
    internal BuildKitUnavailableException(string program, IReadOnlyList<string> secretIds, string why)
        : base(Describe(program, secretIds, why))
    {
        Program = program;
        SecretIds = secretIds;
        this.Naming(SettingNames.DockerProgram.With("/usr/bin/docker"), SettingNames.Builder);
    }

    /// <summary>The docker CLI that was asked.</summary>
    public string Program { get; }

    /// <summary>The ids of the build secrets that need BuildKit.</summary>
    public IReadOnlyList<string> SecretIds { get; }

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);

    private static string Describe(string program, IReadOnlyList<string> secretIds, string why) =>
        $"The build has build secrets ({string.Join(", ", secretIds)}), which only a BuildKit builder can mount " +
        $"(RUN --mount=type=secret), but {why}; nothing was built.{Environment.NewLine}" +
        "Get a BuildKit builder: install the buildx plugin (Debian/Ubuntu: `sudo apt-get install docker-buildx-plugin` from " +
        "Docker's apt repository, or `sudo apt-get install docker-buildx` on newer Debian and Ubuntu releases; elsewhere see " +
        $"https://docs.docker.com/go/buildx/), or point the build at a docker CLI with built-in BuildKit (18.09 to 20.10, " +
        $"e.g. Debian's docker.io 20.10): {SettingNames.DockerProgram.With("/usr/bin/docker")}, with {SettingNames.Builder} " +
        "left at DockerBuilder.Auto (or DockerBuilder.BuildKit).";
}
