using System.Diagnostics.Contracts;
using ArtifactRegistry.Access;
using ArtifactRegistry.Iam;
using ArtifactRegistry.References;

namespace ArtifactRegistry.DockerAuth;

/// <summary>NUKE-style fluent changes of <see cref="EnsureDockerAuthSettings"/>; each returns a changed copy.</summary>
public static class EnsureDockerAuthSettingsExtensions
{
    [Pure]
    public static EnsureDockerAuthSettings SetImages(this EnsureDockerAuthSettings settings, params ImageReference[] images) => settings with { Images = [.. images] };

    [Pure]
    public static EnsureDockerAuthSettings SetImages(this EnsureDockerAuthSettings settings, IEnumerable<ImageReference> images) => settings with { Images = [.. images] };

    /// <summary>Parses and validates each reference (a missing REPOSITORY segment is refused here, with the fix).</summary>
    [Pure]
    public static EnsureDockerAuthSettings SetImages(this EnsureDockerAuthSettings settings, params string[] images) => settings with { Images = [.. images.Select(ImageReference.Parse)] };

    [Pure]
    public static EnsureDockerAuthSettings AddImages(this EnsureDockerAuthSettings settings, params ImageReference[] images) => settings with { Images = settings.Images.AddRange(images) };

    [Pure]
    public static EnsureDockerAuthSettings AddImages(this EnsureDockerAuthSettings settings, params string[] images) => settings with { Images = settings.Images.AddRange(images.Select(ImageReference.Parse)) };

    [Pure]
    public static EnsureDockerAuthSettings ClearImages(this EnsureDockerAuthSettings settings) => settings with { Images = [] };

    [Pure]
    public static EnsureDockerAuthSettings AddExtraHosts(this EnsureDockerAuthSettings settings, params string[] hosts) => settings with { ExtraHosts = settings.ExtraHosts.AddRange(hosts) };

    [Pure]
    public static EnsureDockerAuthSettings ClearExtraHosts(this EnsureDockerAuthSettings settings) => settings with { ExtraHosts = [] };

    [Pure]
    public static EnsureDockerAuthSettings SetMode(this EnsureDockerAuthSettings settings, DockerAuthMode mode) => settings with { Mode = mode };

    [Pure]
    public static EnsureDockerAuthSettings EnableAccessPreflight(this EnsureDockerAuthSettings settings) => settings with { AccessPreflight = true };

    [Pure]
    public static EnsureDockerAuthSettings DisableAccessPreflight(this EnsureDockerAuthSettings settings) => settings with { AccessPreflight = false };

    [Pure]
    public static EnsureDockerAuthSettings SetAccessNeeds(this EnsureDockerAuthSettings settings, AccessNeeds needs) => settings with { AccessNeeds = needs };

    [Pure]
    public static EnsureDockerAuthSettings SetAccessPreflight(this EnsureDockerAuthSettings settings, bool enabled) => settings with { AccessPreflight = enabled };

    [Pure]
    public static EnsureDockerAuthSettings SetCreateRepositoryIfMissing(this EnsureDockerAuthSettings settings, bool enabled) => settings with { CreateRepositoryIfMissing = enabled };

    [Pure]
    public static EnsureDockerAuthSettings EnableCreateRepositoryIfMissing(this EnsureDockerAuthSettings settings) => settings with { CreateRepositoryIfMissing = true };

    [Pure]
    public static EnsureDockerAuthSettings DisableCreateRepositoryIfMissing(this EnsureDockerAuthSettings settings) => settings with { CreateRepositoryIfMissing = false };

    [Pure]
    public static EnsureDockerAuthSettings SetSessionDirectory(this EnsureDockerAuthSettings settings, string? directory) => settings with { SessionDirectory = directory };

    [Pure]
    public static EnsureDockerAuthSettings SetLockTimeout(this EnsureDockerAuthSettings settings, TimeSpan timeout) => settings with { LockTimeout = timeout };
}
