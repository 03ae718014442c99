using System.Diagnostics.Contracts;
using ArtifactRegistry.Hints;

namespace ArtifactRegistry.Docker;

/// <summary>NUKE-style fluent changes of <see cref="ImageBuildSettings"/>; each returns a changed copy of the same type.</summary>
public static class ImageBuildSettingsExtensions
{
    /// <summary>Sets <see cref="ImageBuildSettings.ContextDirectory"/> (default <c>.</c>); throws <see cref="ArgumentException"/> when it is empty.</summary>
    [Pure]
    public static T SetContextDirectory<T>(this T settings, string contextDirectory) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contextDirectory);
        return (T)(settings with { ContextDirectory = contextDirectory });
    }

    /// <summary>Sets <see cref="ImageBuildSettings.DockerfilePath"/> (default: <c>Dockerfile</c> in the context).</summary>
    [Pure]
    public static T SetDockerfile<T>(this T settings, string dockerfilePath) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dockerfilePath);
        return (T)(settings with { DockerfilePath = dockerfilePath });
    }

    /// <summary>Resets <see cref="ImageBuildSettings.DockerfilePath"/> to <c>Dockerfile</c> in the context.</summary>
    [Pure]
    public static T ResetDockerfile<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { DockerfilePath = null });

    /// <summary>Adds (or replaces) <c>--build-arg NAME=value</c>.</summary>
    [Pure]
    public static T AddBuildArg<T>(this T settings, string name, string value) where T : ImageBuildSettings =>
        settings.AddBuildArg(new BuildArgument(name, value));

    /// <summary>Adds (or replaces) a build argument whose value never appears in argv or logs.</summary>
    [Pure]
    public static T AddSecretBuildArg<T>(this T settings, string name, string value) where T : ImageBuildSettings =>
        settings.AddBuildArg(new BuildArgument(name, value, isSecret: true));

    /// <summary>Adds (or replaces, by name) a build argument.</summary>
    [Pure]
    public static T AddBuildArg<T>(this T settings, BuildArgument argument) where T : ImageBuildSettings
    {
        ArgumentNullException.ThrowIfNull(argument);
        return (T)(settings with { BuildArguments = settings.BuildArguments.RemoveAll(a => a.Name == argument.Name).Add(argument) });
    }

    /// <summary>Removes the build argument of that name, if any.</summary>
    [Pure]
    public static T RemoveBuildArg<T>(this T settings, string name) where T : ImageBuildSettings =>
        (T)(settings with { BuildArguments = settings.BuildArguments.RemoveAll(a => a.Name == name) });

    /// <summary>Removes every build argument.</summary>
    [Pure]
    public static T ClearBuildArgs<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { BuildArguments = [] });

    /// <summary>Sets <see cref="ImageBuildSettings.Target"/>, the stage to build (default: the last stage).</summary>
    [Pure]
    public static T SetTarget<T>(this T settings, string target) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return (T)(settings with { Target = target });
    }

    /// <summary>Resets <see cref="ImageBuildSettings.Target"/>: the last stage is built.</summary>
    [Pure]
    public static T ResetTarget<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { Target = null });

    /// <summary>Sets <see cref="ImageBuildSettings.Platform"/>, e.g. <c>linux/amd64</c> (default: the engine's platform).</summary>
    [Pure]
    public static T SetPlatform<T>(this T settings, string platform) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        return (T)(settings with { Platform = platform });
    }

    /// <summary>Resets <see cref="ImageBuildSettings.Platform"/> to the engine's platform.</summary>
    [Pure]
    public static T ResetPlatform<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { Platform = null });

    /// <summary>Adds (or replaces) a label.</summary>
    [Pure]
    public static T AddLabel<T>(this T settings, string key, string value) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.Contains('='))
            throw new SettingsException($"Label key '{key}' contains '=', which docker would read as the end of the key; pass the key and the value separately: AddLabel(\"KEY\", \"value\").");
        return (T)(settings with { Labels = settings.Labels.SetItem(key, value) });
    }

    /// <summary>Removes the label with that key, if any.</summary>
    [Pure]
    public static T RemoveLabel<T>(this T settings, string key) where T : ImageBuildSettings =>
        (T)(settings with { Labels = settings.Labels.Remove(key) });

    /// <summary>Removes every label set with <see cref="AddLabel{T}(T, string, string)"/> (the OCI labels are <see cref="ImageBuildSettings.OciLabels"/>'s).</summary>
    [Pure]
    public static T ClearLabels<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { Labels = settings.Labels.Clear() });

    /// <summary>Adds the standard OCI labels from git (the default); see <see cref="ImageBuildSettings.OciLabels"/>.</summary>
    [Pure]
    public static T EnableOciLabels<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { OciLabels = true });

    /// <summary>Leaves the standard OCI labels out; see <see cref="ImageBuildSettings.OciLabels"/>.</summary>
    [Pure]
    public static T DisableOciLabels<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { OciLabels = false });

    /// <summary>Sets <see cref="ImageBuildSettings.Pull"/> (<c>--pull</c>; default false).</summary>
    [Pure]
    public static T SetPull<T>(this T settings, bool pull) where T : ImageBuildSettings => (T)(settings with { Pull = pull });

    /// <summary>Builds with <c>--pull</c>; see <see cref="ImageBuildSettings.Pull"/>.</summary>
    [Pure]
    public static T EnablePull<T>(this T settings) where T : ImageBuildSettings => settings.SetPull(true);

    /// <summary>Builds without <c>--pull</c> (the default).</summary>
    [Pure]
    public static T DisablePull<T>(this T settings) where T : ImageBuildSettings => settings.SetPull(false);

    /// <summary>Sets <see cref="ImageBuildSettings.NoCache"/> (<c>--no-cache</c>; default false).</summary>
    [Pure]
    public static T SetNoCache<T>(this T settings, bool noCache) where T : ImageBuildSettings => (T)(settings with { NoCache = noCache });

    /// <summary>Builds with <c>--no-cache</c>.</summary>
    [Pure]
    public static T EnableNoCache<T>(this T settings) where T : ImageBuildSettings => settings.SetNoCache(true);

    /// <summary>Builds with docker's build cache (the default).</summary>
    [Pure]
    public static T DisableNoCache<T>(this T settings) where T : ImageBuildSettings => settings.SetNoCache(false);

    /// <summary>Sets <see cref="ImageBuildSettings.CacheFrom"/>, the image (or buildx cache source) the build reads its cache from.</summary>
    [Pure]
    public static T SetCacheFrom<T>(this T settings, string cacheFrom) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheFrom);
        return (T)(settings with { CacheFrom = cacheFrom.Trim() });
    }

    /// <summary>Resets <see cref="ImageBuildSettings.CacheFrom"/>: BuildAndPush reads the image's own <c>latest</c>.</summary>
    [Pure]
    public static T ResetCacheFrom<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { CacheFrom = null });

    /// <summary>Sets <see cref="ImageBuildSettings.CacheTo"/>, where buildx writes the build cache (an image, or <c>type=…</c>).</summary>
    [Pure]
    public static T SetCacheTo<T>(this T settings, string cacheTo) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheTo);
        return (T)(settings with { CacheTo = cacheTo.Trim() });
    }

    /// <summary>Resets <see cref="ImageBuildSettings.CacheTo"/>: the inline cache in the pushed image.</summary>
    [Pure]
    public static T ResetCacheTo<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { CacheTo = null });

    /// <summary>Sets <see cref="ImageBuildSettings.Builder"/> (default <see cref="DockerBuilder.Auto"/>).</summary>
    [Pure]
    public static T SetBuilder<T>(this T settings, DockerBuilder builder) where T : ImageBuildSettings => (T)(settings with { Builder = builder });

    /// <summary>
    /// Adds (or replaces, by id) a BuildKit secret that <c>RUN --mount=type=secret,id=ID</c> reads; the value never appears in
    /// argv, logs or the image. The build then needs BuildKit (buildx, or a docker CLI with built-in BuildKit).
    /// </summary>
    [Pure]
    public static T AddBuildSecret<T>(this T settings, string id, string value) where T : ImageBuildSettings =>
        settings.AddBuildSecret(new BuildSecret(id, value));

    /// <summary>Adds (or replaces, by id) a BuildKit secret whose value is read from <paramref name="variable"/> of the build's environment when the build starts.</summary>
    [Pure]
    public static T AddBuildSecretFromEnvironment<T>(this T settings, string id, string variable) where T : ImageBuildSettings =>
        settings.AddBuildSecret(BuildSecret.FromEnvironment(id, variable));

    /// <summary>Adds (or replaces, by id) a BuildKit secret.</summary>
    [Pure]
    public static T AddBuildSecret<T>(this T settings, BuildSecret secret) where T : ImageBuildSettings
    {
        ArgumentNullException.ThrowIfNull(secret);
        return (T)(settings with { BuildSecrets = settings.BuildSecrets.RemoveAll(s => s.Id == secret.Id).Add(secret) });
    }

    /// <summary>Removes the build secret with that id, if any.</summary>
    [Pure]
    public static T RemoveBuildSecret<T>(this T settings, string id) where T : ImageBuildSettings =>
        (T)(settings with { BuildSecrets = settings.BuildSecrets.RemoveAll(s => s.Id == id) });

    /// <summary>Removes every build secret.</summary>
    [Pure]
    public static T ClearBuildSecrets<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { BuildSecrets = [] });

    /// <summary>Sets <see cref="ImageBuildSettings.Network"/>, the network of the <c>RUN</c> steps (<c>--network</c>: <c>default</c>, <c>host</c> or <c>none</c>).</summary>
    [Pure]
    public static T SetNetwork<T>(this T settings, string network) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(network);
        return (T)(settings with { Network = network });
    }

    /// <summary>Resets <see cref="ImageBuildSettings.Network"/>: docker's default network.</summary>
    [Pure]
    public static T ResetNetwork<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { Network = null });
}
