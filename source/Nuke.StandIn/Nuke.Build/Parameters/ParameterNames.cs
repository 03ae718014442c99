using System.Text;

namespace Nuke.Common.Parameters;

/// <summary>How one parameter name is spelled on the command line, in the environment and when compared.</summary>
internal static class ParameterNames
{
    /// <summary><c>ImageName</c> → <c>image-name</c>, <c>GkeClusterID</c> → <c>gke-cluster-id</c>.</summary>
    public static string Dashed(string name)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var current = name[i];
            if (current is '_' or '-')
            {
                if (builder.Length > 0 && builder[^1] != '-')
                    builder.Append('-');
                continue;
            }

            if (char.IsUpper(current) && i > 0 && builder.Length > 0 && builder[^1] != '-')
            {
                var previous = name[i - 1];
                var next = i + 1 < name.Length ? name[i + 1] : '\0';
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && char.IsLower(next)))
                    builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(current));
        }

        return builder.ToString();
    }

    /// <summary><c>ImageName</c> → <c>IMAGE_NAME</c>.</summary>
    public static string Environment(string name) => Dashed(name).Replace('-', '_').ToUpperInvariant();

    /// <summary>Letters and digits only, lower case: what two spellings of one name have in common.</summary>
    public static string Normalize(string name)
        => new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
}
