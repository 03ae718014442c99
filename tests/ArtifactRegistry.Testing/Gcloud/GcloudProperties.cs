using System.Text;

namespace ArtifactRegistry.Testing.Gcloud;

/// <summary>gcloud's configuration file format (<c>configurations/config_NAME</c>): INI sections of <c>property = value</c>.</summary>
internal static class GcloudProperties
{
    public static string Render(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> sections)
    {
        var text = new StringBuilder();
        foreach (var (section, properties) in sections.Where(section => section.Value.Count > 0))
        {
            text.Append('[').Append(section).Append(']').Append('\n');
            foreach (var (name, value) in properties)
                text.Append(name).Append(" = ").Append(value).Append('\n');
            text.Append('\n');
        }
        return text.ToString();
    }
}
