using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Docker;

/// <summary>The Dockerfile (or the build context folder) does not exist; found before anything slow starts.</summary>
public sealed class DockerfileNotFoundException : FileNotFoundException
{
    internal DockerfileNotFoundException(string message, string path, params SettingName[] settings) : base(message, path) =>
        this.Naming(settings);

    /// <inheritdoc/>
    public override string Message => SettingHints.Render(this, base.Message);

    /// <summary>Checks that the context folder and the Dockerfile exist; the message suggests Dockerfiles found in the context.</summary>
    internal static void ThrowIfMissing(ImageBuildSettings settings)
    {
        var context = settings.ResolveContextDirectory();
        if (!Directory.Exists(context))
            throw new DockerfileNotFoundException(
                $"The build context folder '{context}' does not exist (from '{settings.ContextDirectory}', relative to '{Environment.CurrentDirectory}'). " +
                $"Point {SettingNames.DockerContext} at the folder holding the application's sources.", context, SettingNames.DockerContext);

        var dockerfile = settings.ResolveDockerfilePath();
        if (File.Exists(dockerfile))
            return;
        var candidates = Directory.EnumerateFiles(context)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name.Contains("dockerfile", StringComparison.OrdinalIgnoreCase) || name.Contains("containerfile", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Take(5)
            .ToList();
        var chosen = candidates.Count > 0 ? Path.Combine(settings.ContextDirectory, candidates[0]) : null;
        var hint = chosen is not null
            ? $" The context holds {string.Join(", ", candidates.Select(name => $"'{name}'"))}: name the right one with {SettingNames.Dockerfile.With(chosen)}."
            : settings.DockerfilePath is null
                ? $" Add a Dockerfile to the context folder, or name it with {SettingNames.Dockerfile}."
                : $" Fix the path given to {SettingNames.Dockerfile} (relative paths start at the current directory).";
        throw new DockerfileNotFoundException($"The Dockerfile '{dockerfile}' does not exist (build context '{context}').{hint}", dockerfile,
            chosen is null ? SettingNames.Dockerfile : SettingNames.Dockerfile.With(chosen));
    }
}
