using System.Diagnostics.Contracts;

namespace ArtifactRegistry.Grants;

/// <summary>NUKE-style fluent changes of <see cref="GrantReaderSettings"/>; each returns a changed copy.</summary>
public static class GrantReaderSettingsExtensions
{
    /// <summary><c>asia-docker.pkg.dev/my-project/my-repo</c>, an image in it, or <c>projects/P/locations/L/repositories/R</c>.</summary>
    [Pure]
    public static GrantReaderSettings SetRepository(this GrantReaderSettings settings, string repository)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        return settings with { Repository = repository };
    }

    /// <summary><c>serviceAccount:NAME@PROJECT.iam.gserviceaccount.com</c>, <c>user:…</c>, <c>group:…</c>, <c>domain:…</c> or <c>principal://…</c>.</summary>
    [Pure]
    public static GrantReaderSettings SetMember(this GrantReaderSettings settings, string member)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(member);
        return settings with { Member = member };
    }
}
