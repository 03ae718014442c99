using System.Diagnostics.Contracts;

namespace ArtifactRegistry.Grants;

/// <summary>NUKE-style fluent changes of <see cref="CheckPullAccessSettings"/>; each returns a changed copy.</summary>
public static class CheckPullAccessSettingsExtensions
{
    /// <summary>Sets <see cref="CheckPullAccessSettings.Repository"/>; throws <see cref="ArgumentException"/> when empty.</summary>
    [Pure]
    public static CheckPullAccessSettings SetRepository(this CheckPullAccessSettings settings, string repository)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        return settings with { Repository = repository };
    }

    /// <summary>Sets <see cref="CheckPullAccessSettings.Member"/>; throws <see cref="ArgumentException"/> when empty.</summary>
    [Pure]
    public static CheckPullAccessSettings SetMember(this CheckPullAccessSettings settings, string member)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(member);
        return settings with { Member = member };
    }
}
