using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ArtifactRegistry.References;

/// <summary>
/// The two escaped forms of a package ID (a Docker image path such as <c>team/app</c>):
/// <list type="bullet">
/// <item><b>Resource-name form</b> (<see cref="Escape"/>): <c>team%2Fapp</c>, as in <c>…/packages/team%2Fapp</c> and in the
/// <c>name</c> fields the API returns. gcloud also escapes <c>+</c> as <c>%2B</c> and <c>^</c> as <c>%5E</c>.</item>
/// <item><b>URL-path form</b> (<see cref="ForUrlPath"/>): the resource-name form with its <c>%</c> escaped once more,
/// <c>team%252Fapp</c>, because the HTTP path is decoded once before the server compares names.</item>
/// </list>
/// </summary>
public static class PackageIds
{
    /// <summary><c>team/app</c> → <c>team%2Fapp</c> (resource-name form).</summary>
    public static string Escape(string packagePath)
    {
        ArgumentNullException.ThrowIfNull(packagePath);
        return packagePath.Replace("/", "%2F").Replace("+", "%2B").Replace("^", "%5E");
    }

    /// <summary><c>team%2Fapp</c> → <c>team/app</c>; accepts lowercase hex (<c>%2f</c>) as well.</summary>
    /// <exception cref="FormatException">Another escape than %2F, %2B, %5E, or a raw '/'.</exception>
    public static string Unescape(string packageId)
    {
        ArgumentNullException.ThrowIfNull(packageId);
        return TryUnescape(packageId, out var path, out var problem) ? path : throw new FormatException(problem);
    }

    /// <summary>Resource-name form → URL-path form: <c>team%2Fapp</c> → <c>team%252Fapp</c>.</summary>
    public static string ForUrlPath(string resourceNameSegment)
    {
        ArgumentNullException.ThrowIfNull(resourceNameSegment);
        return resourceNameSegment.Replace("%", "%25");
    }

    internal static bool TryUnescape(string packageId, [NotNullWhen(true)] out string? packagePath, [NotNullWhen(false)] out string? problem)
    {
        packagePath = null;
        if (packageId.Contains('/'))
        {
            problem = $"package ID '{packageId}' must escape '/' as %2F: {Escape(packageId)}";
            return false;
        }
        var result = new StringBuilder(packageId.Length);
        for (var i = 0; i < packageId.Length; i++)
        {
            if (packageId[i] != '%')
            {
                result.Append(packageId[i]);
                continue;
            }
            var escape = i + 3 <= packageId.Length ? packageId.Substring(i, 3).ToUpperInvariant() : packageId[i..];
            var decoded = escape switch { "%2F" => '/', "%2B" => '+', "%5E" => '^', _ => '\0' };
            if (decoded == '\0')
            {
                problem = escape.StartsWith("%25", StringComparison.Ordinal)
                    ? $"package ID '{packageId}' is escaped twice (%25...): a resource name holds the single-escaped form, e.g. team%2Fapp"
                    : $"package ID '{packageId}' contains '{escape}'; only %2F ('/'), %2B ('+') and %5E ('^') are escapes in package IDs";
                return false;
            }
            result.Append(decoded);
            i += 2;
        }
        packagePath = result.ToString();
        problem = null;
        return true;
    }

    /// <summary>The canonical resource-name form: uppercase hex in escapes.</summary>
    internal static string Canonical(string packageId) => Escape(Unescape(packageId));
}
