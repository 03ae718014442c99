using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ArtifactRegistry.Sandbox.Rest;

/// <summary>
/// <c>pageSize</c> / <c>pageToken</c> / <c>nextPageToken</c> the way Google's list calls behave: at most 1000 per page,
/// opaque tokens that are only valid for the same query.
/// </summary>
internal static class Paging
{
    public const int MaximumPageSize = 1000;
    public const int DefaultPageSize = 100;

    /// <summary>Answers a list call with one page, as Google does: <c>{"FIELD":[…],"nextPageToken":"…"}</c>, the token only when more follow.</summary>
    public static Task AnswerPage<T>(RestCall call, string field, IReadOnlyList<T> items, string query, Action<Utf8JsonWriter, T> writeItem)
    {
        var (page, next) = Page(items, call, query);
        return call.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray(field);
            foreach (var item in page)
                writeItem(w, item);
            w.WriteEndArray();
            if (next is not null)
                w.WriteString("nextPageToken", next);
            w.WriteEndObject();
        });
    }

    public static (IReadOnlyList<T> Page, string? NextPageToken) Page<T>(IReadOnlyList<T> items, RestCall call, string query)
    {
        var size = PageSize(call.Query("pageSize"));
        var offset = Offset(call.Query("pageToken"), query);
        if (offset > items.Count)
            offset = items.Count;
        var count = Math.Min(size, items.Count - offset);
        var page = new T[count];
        for (var i = 0; i < count; i++)
            page[i] = items[offset + i];
        var next = offset + count < items.Count ? Token(offset + count, query) : null;
        return (page, next);
    }

    private static int PageSize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return DefaultPageSize;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) || size < 0)
            throw GoogleApiException.InvalidArgument($"Invalid value at 'page_size' (TYPE_INT32), \"{text}\"");
        return size == 0 ? DefaultPageSize : Math.Min(size, MaximumPageSize);
    }

    private static int Offset(string? token, string query)
    {
        if (string.IsNullOrEmpty(token))
            return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var parts = text.Split('|', 2);
            if (parts.Length == 2 && parts[1] == Fingerprint(query) && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return offset;
        }
        catch (FormatException)
        {
        }

        throw GoogleApiException.InvalidArgument("Invalid page token.");
    }

    private static string Token(int offset, string query) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture) + "|" + Fingerprint(query)));

    /// <summary>FNV-1a: stable across processes, so tokens survive a restart with a state directory.</summary>
    private static string Fingerprint(string query)
    {
        var hash = 2166136261u;
        foreach (var c in query)
            hash = (hash ^ c) * 16777619u;
        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
