using System.Diagnostics.Contracts;

namespace ArtifactRegistry.Docker;

/// <summary>NUKE-style fluent changes of <see cref="ImageBuildSettings"/>; each returns a changed copy of the same type.</summary>
public static class ImageBuildSettingsExtensions
{
    [Pure]
    public static T SetContextDirectory<T>(this T settings, string contextDirectory) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contextDirectory);
        return (T)(settings with { ContextDirectory = contextDirectory });
    }

    [Pure]
    public static T SetDockerfile<T>(this T settings, string dockerfilePath) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dockerfilePath);
        return (T)(settings with { DockerfilePath = dockerfilePath });
    }

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

    [Pure]
    public static T AddBuildArg<T>(this T settings, BuildArgument argument) where T : ImageBuildSettings
    {
        ArgumentNullException.ThrowIfNull(argument);
        return (T)(settings with { BuildArguments = settings.BuildArguments.RemoveAll(a => a.Name == argument.Name).Add(argument) });
    }

    [Pure]
    public static T RemoveBuildArg<T>(this T settings, string name) where T : ImageBuildSettings =>
        (T)(settings with { BuildArguments = settings.BuildArguments.RemoveAll(a => a.Name == name) });

    [Pure]
    public static T ClearBuildArgs<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { BuildArguments = [] });

    [Pure]
    public static T SetTarget<T>(this T settings, string target) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        return (T)(settings with { Target = target });
    }

    [Pure]
    public static T ResetTarget<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { Target = null });

    [Pure]
    public static T SetPlatform<T>(this T settings, string platform) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(platform);
        return (T)(settings with { Platform = platform });
    }

    [Pure]
    public static T ResetPlatform<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { Platform = null });

    /// <summary>Adds (or replaces) a label.</summary>
    [Pure]
    public static T AddLabel<T>(this T settings, string key, string value) where T : ImageBuildSettings
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key.Contains('='))
            throw new ArgumentException($"Label key '{key}' contains '='; pass the key and the value separately.", nameof(key));
        return (T)(settings with { Labels = settings.Labels.SetItem(key, value) });
    }

    [Pure]
    public static T RemoveLabel<T>(this T settings, string key) where T : ImageBuildSettings =>
        (T)(settings with { Labels = settings.Labels.Remove(key) });

    [Pure]
    public static T ClearLabels<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { Labels = settings.Labels.Clear() });

    [Pure]
    public static T EnableOciLabels<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { OciLabels = true });

    [Pure]
    public static T DisableOciLabels<T>(this T settings) where T : ImageBuildSettings => (T)(settings with { OciLabels = false });

    [Pure]
    public static T SetPull<T>(this T settings, bool pull) where T : ImageBuildSettings => (T)(settings with { Pull = pull });

    [Pure]
    public static T EnablePull<T>(this T settings) where T : ImageBuildSettings => settings.SetPull(true);

    [Pure]
    public static T DisablePull<T>(this T settings) where T : ImageBuildSettings => settings.SetPull(false);

    [Pure]
    public static T SetNoCache<T>(this T settings, bool noCache) where T : ImageBuildSettings => (T)(settings with { NoCache = noCache });

    [Pure]
    public static T EnableNoCache<T>(this T settings) where T : ImageBuildSettings => settings.SetNoCache(true);

    [Pure]
    public static T DisableNoCache<T>(this T settings) where T : ImageBuildSettings => settings.SetNoCache(false);

    [Pure]
    public static T SetBuilder<T>(this T settings, DockerBuilder builder) where T : ImageBuildSettings => (T)(settings with { Builder = builder });
}
