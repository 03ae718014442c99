using System.Text;

namespace ArtifactRegistry.Pruning;

/// <summary>
/// The plan as a fixed-width table: image, digest, age, size, and what happens with the reason.
/// Lines are produced one at a time, so a plan of a hundred thousand versions is never one string in memory.
/// </summary>
internal static class PrunePlanTable
{
    private static readonly string[] Header = ["IMAGE", "DIGEST", "AGE", "SIZE", "ACTION"];

    public static IEnumerable<string> Render(PrunePlan plan)
    {
        var names = new Dictionary<References.PackageName, string>();
        string NameOf(PruneDecision d)
        {
            if (!names.TryGetValue(d.Version.Package, out var name))
                names[d.Version.Package] = name = d.Version.Package.ToImageReference().Name;
            return name;
        }

        var widths = Header.Select(h => h.Length).ToArray();
        foreach (var decision in plan.Decisions)
        {
            widths[0] = Math.Max(widths[0], NameOf(decision).Length);
            widths[2] = Math.Max(widths[2], Age(decision).Length);
            widths[3] = Math.Max(widths[3], PruneFormat.Size(decision.Version.SizeBytes).Length);
        }

        widths[1] = Math.Max(widths[1], "sha256:".Length + 12);
        widths[4] = Math.Max(widths[4], "delete".Length);

        yield return Line(widths, [.. Header, "REASON"]);
        foreach (var decision in plan.Decisions)
        {
            yield return Line(widths,
            [
                NameOf(decision), decision.Version.Digest.ToShortString(), Age(decision), PruneFormat.Size(decision.Version.SizeBytes),
                decision.Delete ? "delete" : "keep", decision.Explanation,
            ]);
        }
    }

    private static string Age(PruneDecision decision) => decision.Age is { } age ? PruneFormat.Duration(age) : "?";

    private static string Line(int[] widths, string[] cells)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                line.Append("  ");
            // Age and size are numbers: right-aligned, so their units line up.
            line.Append(i >= widths.Length ? cells[i] : i is 2 or 3 ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        return line.ToString();
    }
}
