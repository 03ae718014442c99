using System.Text;

namespace ArtifactRegistry.Reporting;

/// <summary>
/// The job summary for GitHub Actions, appended to the file <c>GITHUB_STEP_SUMMARY</c> names: per operation, the log's table
/// in Markdown (image linked to its console page, digest, tags, workload, outcome), the prune's counts and the failure.
/// </summary>
internal static class GitHubStepSummary
{
    public const string Variable = "GITHUB_STEP_SUMMARY";

    /// <summary>The section of one operation: <paramref name="part"/> holds only what it produced.</summary>
    public static string Render(string operation, RunResult part)
    {
        var text = new StringBuilder();
        var outcome = part.Failure is null ? "succeeded" : $"FAILED ({part.Failure.Kind})";
        text.Append("### ").Append(operation).Append(part.DryRun ? " (dry run) " : " ").Append(outcome).Append("\n\n");

        if (part.Images.Count > 0 || part.Workloads.Count > 0)
        {
            text.Append("| image | digest | tags | workload | outcome |\n|---|---|---|---|---|\n");
            foreach (var image in part.Images)
            {
                var workloads = part.Workloads.Where(workload => workload.Image.StartsWith(image.Name + ":", StringComparison.Ordinal)
                    || workload.Image.StartsWith(image.Name + "@", StringComparison.Ordinal)).ToList();
                var tags = string.Join(", ", image.Tags.Select(tag => $"`{Cell(tag)}`"));
                if (workloads.Count == 0)
                    Row(text, $"[{Cell(image.Name)}]({image.ConsoleUrl})", $"`{image.Digest}`", tags, "-", "pushed");
                foreach (var workload in workloads)
                    Row(text, $"[{Cell(image.Name)}]({image.ConsoleUrl})", $"`{image.Digest}`", tags, Workload(workload), Outcome(workload));
            }
            foreach (var workload in part.Workloads.Where(workload => !part.Images.Any(image => workload.Image.StartsWith(image.Name, StringComparison.Ordinal))))
                Row(text, Cell(workload.Image), workload.NewDigest is { } digest ? $"`{digest}`" : "digest of the next build", "-", Workload(workload), Outcome(workload));
            text.Append('\n');
            foreach (var image in part.Images.Where(image => image.PlatformDigests is not null))
                text.Append("Platforms of `").Append(Cell(image.Name)).Append("`: ")
                    .Append(string.Join(", ", image.PlatformDigests!.Select(platform => $"{platform.Key} `{platform.Value}`"))).Append("\n\n");
        }

        foreach (var pin in part.Kustomizations)
            text.Append("Pinned `").Append(Cell(pin.Name)).Append("` to `").Append(pin.Digest).Append("` in `").Append(Cell(pin.Path)).Append("`\n\n");

        if (part.Prune is { } prune)
            text.Append(prune.DryRun
                ? $"PruneUntagged dry run: would delete {prune.Planned} versions ({prune.BytesPlanned} bytes), keep {prune.Kept}.\n\n"
                : $"PruneUntagged: deleted {prune.Deleted} versions ({prune.BytesReclaimed} bytes reclaimed), kept {prune.Kept}; {prune.AlreadyGone} already gone, {prune.Refused} refused, {prune.Failed} failed, {prune.NotAttempted} not attempted.\n\n");

        if (part.Failure is { } failure)
            text.Append("```\n").Append(failure.Message.Replace("```", "'''", StringComparison.Ordinal)).Append("\n```\n\n");
        return text.ToString();
    }

    public static void Append(string path, string operation, RunResult part) =>
        File.AppendAllText(path, Render(operation, part), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    private static string Workload(WorkloadResult workload) => $"{Cell(workload.Workload)} ({Cell(workload.Namespace)})";

    private static string Outcome(WorkloadResult workload) => workload.Outcome switch
    {
        "rolledOut" => workload.Revision is { } revision ? $"rolled out (revision {revision})" : "rolled out",
        "unchanged" => "already running this digest",
        "planned" => $"would change {Cell(workload.PreviousImage ?? "(no image)")} → {Cell(workload.Image)}",
        "rolledBack" => "FAILED, rolled back",
        _ => "FAILED",
    };

    private static void Row(StringBuilder text, params string[] cells) => text.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");

    /// <summary>A table cell's text: a pipe would end the cell, a line break the row.</summary>
    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ').Replace('\r', ' ');
}
