using System.Text.RegularExpressions;

namespace ArtifactRegistry.Docker;

/// <summary>Reads why a <c>docker push</c> failed, to decide whether trying again can help.</summary>
internal static partial class DockerPushFailure
{
    /// <summary>
    /// True for failures a retry can fix: 5xx answers, 429, dropped or reset connections, timeouts. False for every other 4xx
    /// (denied, unauthorized, name invalid, not found, ...), which a retry only repeats, and for anything unrecognised.
    /// </summary>
    public static bool IsTransient(IEnumerable<string> errorLines)
    {
        var text = string.Join('\n', errorLines);
        if (text.Length == 0)
            return false;
        // 429 is the one 4xx a retry can fix: it asks to come back later.
        if (TooManyRequests().IsMatch(text))
            return true;
        if (ClientError().IsMatch(text))
            return false;
        return ServerError().IsMatch(text) || ConnectionTrouble().IsMatch(text);
    }

    // Status codes count only where docker names them as such: a bare number may be a port (443) or a size.
    private const string StatusPrefix = @"(?:\bHTTP(?: status)?:?\s*|\bstatus(?: code)?:?\s*)";

    [GeneratedRegex(StatusPrefix + @"429\b|Too Many Requests|toomanyrequests", RegexOptions.IgnoreCase)]
    private static partial Regex TooManyRequests();

    // The registry answered "no": a retry would get the same answer.
    [GeneratedRegex(StatusPrefix + @"4\d\d\b|\b4\d\d (?:Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Conflict|Gone|Precondition Failed|Request Entity Too Large|Unsupported Media Type)|\bdenied\b|\bunauthorized\b|\bforbidden\b|name invalid|NAME_INVALID|MANIFEST_INVALID|BLOB_UNKNOWN|not found|does not exist|Unauthenticated", RegexOptions.IgnoreCase)]
    private static partial Regex ClientError();

    [GeneratedRegex(StatusPrefix + @"5\d\d\b|\b5\d\d (?:Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out)|Internal Server Error|Service Unavailable|Bad Gateway", RegexOptions.IgnoreCase)]
    private static partial Regex ServerError();

    [GeneratedRegex(@"connection reset|broken pipe|unexpected EOF|\bEOF\b|i/o timeout|TLS handshake timeout|Client\.Timeout exceeded|server closed idle connection|http2: server sent GOAWAY", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionTrouble();
}
