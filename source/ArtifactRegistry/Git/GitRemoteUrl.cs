namespace ArtifactRegistry.Git;

/// <summary>Remote URLs as they may be shown: CI systems often clone with a token in the URL (<c>https://x-access-token:TOKEN@github.com/…</c>).</summary>
internal static class GitRemoteUrl
{
    /// <summary>The URL without user name and password; scp-like remotes (<c>git@host:org/repo.git</c>) carry no password and stay as they are.</summary>
    public static string WithoutCredentials(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        url = url.Trim();
        if (!url.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0)
            return url;
        return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped);
    }
}
