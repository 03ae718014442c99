using System.Diagnostics.Contracts;
using ArtifactRegistry.Access;
using ArtifactRegistry.Iam;
using ArtifactRegistry.References;

namespace ArtifactRegistry.DockerAuth;

/// <summary>NUKE-style fluent changes of <see cref="EnsureDockerAuthSettings"/>; each returns a changed copy.</summary>
public static class EnsureDockerAuthSettingsExtensions
{
    /// <summary>Sets <see cref="EnsureDockerAuthSettings.Images"/>.</summary>
    [Pure]
    public static EnsureDockerAuthSettings SetImages(this EnsureDockerAuthSettings settings, params ImageReference[] images) => settings with { Images = [.. images] };

    /// <summary>Sets <see cref="EnsureDockerAuthSettings.Images"/>.</summary>
    [Pure]
    public static EnsureDockerAuthSettings SetImages(this EnsureDockerAuthSettings settings, IEnumerable<ImageReference> images) => settings with { Images = [.. images] };

    /// <summary>Parses and validates each reference (a missing REPOSITORY segment is refused here, with the fix).</summary>
    [Pure]
    public static EnsureDockerAuthSettings SetImages(this EnsureDockerAuthSettings settings, params string[] images) => settings with { Images = [.. images.Select(ImageReference.Parse)] };

    /// <summary>Adds to <see cref="EnsureDockerAuthSettings.Images"/>.</summary>
    [Pure]
    public static EnsureDockerAuthSettings AddImages(this EnsureDockerAuthSettings settings, params ImageReference[] images) => settings with { Images = settings.Images.AddRange(images) };

    /// <summary>Parses, validates and adds to <see cref="EnsureDockerAuthSettings.Images"/>; throws <see cref="InvalidImageReferenceException"/> for an invalid reference.</summary>
    [Pure]
    public static EnsureDockerAuthSettings AddImages(this EnsureDockerAuthSettings settings, params string[] images) => settings with { Images = settings.Images.AddRange(images.Select(ImageReference.Parse)) };

    /// <summary>Empties <see cref="EnsureDockerAuthSettings.Images"/>.</summary>
    [Pure]
    public static EnsureDockerAuthSettings ClearImages(this EnsureDockerAuthSettings settings) => settings with { Images = [] };

    /// <summary>Adds to <see cref="EnsureDockerAuthSettings.ExtraHosts"/>.</summary>
    [Pure]
    public static EnsureDockerAuthSettings AddExtraHosts(this EnsureDockerAuthSettings settings, params string[] hosts) => settings with { ExtraHosts = settings.ExtraHosts.AddRange(hosts) };

    /// <summary>Empties <see cref="EnsureDockerAuthSettings.ExtraHosts"/>.</summary>
    [Pure]
    public static EnsureDockerAuthSettings ClearExtraHosts(this EnsureDockerAuthSettings settings) => settings with { ExtraHosts = [] };

    /// <summary>Sets <see cref="EnsureDockerAuthSettings.Mode"/> (default <see cref="DockerAuthMode.Auto"/>).</summary>
    [Pure]
    public static EnsureDockerAuthSettings SetMode(this EnsureDockerAuthSettings settings, DockerAuthMode mode) => settings with { Mode = mode };

    /// <summary>Turns <see cref="EnsureDockerAuthSettings.AccessPreflight"/> on (the default).</summary>
    [Pure]
    public static EnsureDockerAuthSettings EnableAccessPreflight(this EnsureDockerAuthSettings settings) => settings with { AccessPreflight = true };

    /// <summary>Turns <see cref="EnsureDockerAuthSettings.AccessPreflight"/> off.</summary>
    [Pure]
    public static EnsureDockerAuthSettings DisableAccessPreflight(this EnsureDockerAuthSettings settings) => settings with { AccessPreflight = false };

    /// <summary>Sets <see cref="EnsureDockerAuthSettings.AccessNeeds"/> (default <see cref="AccessNeeds.Push"/>).</summary>
    [Pure]
    public static EnsureDockerAuthSettings SetAccessNeeds(this EnsureDockerAuthSettings settings, AccessNeeds needs) => settings with { AccessNeeds = needs };

    /// <summary>Sets <see cref="EnsureDockerAuthSettings.AccessPreflight"/> (default true).</summary>
    [Pure]
    public static EnsureDockerAuthSettings SetAccessPreflight(this EnsureDockerAuthSettings settings, bool enabled) => settings with { AccessPreflight = enabled };

    /// <summary>Sets <see cref="EnsureDockerAuthSettings.CreateRepositoryIfMissing"/> (default false).</summary>
    [Pure]
    public static EnsureDockerAuthSettings SetCreateRepositoryIfMissing(this EnsureDockerAuthSettings settings, bool enabled) => settings with { CreateRepositoryIfMissing = enabled };

    /// <summary>Turns <see cref="EnsureDockerAuthSettings.CreateRepositoryIfMissing"/> on.</summary>
    [Pure]
    public static EnsureDockerAuthSettings EnableCreateRepositoryIfMissing(this EnsureDockerAuthSettings settings) => settings with { CreateRepositoryIfMissing = true };

    /// <summary>Turns <see cref="EnsureDockerAuthSettings.CreateRepositoryIfMissing"/> off (the default).</summary>
    [Pure]
    public static EnsureDockerAuthSettings DisableCreateRepositoryIfMissing(this EnsureDockerAuthSettings settings) => settings with { CreateRepositoryIfMissing = false };

    /// <summary>Sets <see cref="EnsureDockerAuthSettings.SessionDirectory"/> (default null: a new private temporary directory).</summary>
    [Pure]
    public static EnsureDockerAuthSettings SetSessionDirectory(this EnsureDockerAuthSettings settings, string? directory) => settings with { SessionDirectory = directory };

    /// <summary>Sets <see cref="EnsureDockerAuthSettings.LockTimeout"/> (default 30 seconds).</summary>
    [Pure]
    public static EnsureDockerAuthSettings SetLockTimeout(this EnsureDockerAuthSettings settings, TimeSpan timeout) => settings with { LockTimeout = timeout };
}
