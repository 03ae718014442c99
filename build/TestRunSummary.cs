using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

/// <summary>
/// Test counts read from the TRX files of one run: every UnitTestResult, by outcome, the skipped ones grouped by the part they
/// lacked (read from the reason the Prerequisites helpers give), so that "0 failed" never hides how much did not run, and the
/// errors reported outside any test (a failed assembly-wide set-up or tear-down, such as the check that the real home is
/// unchanged), which count as failures.
/// </summary>
record TestRunSummary(int Passed, int Failed, IReadOnlyList<SkippedGroup> SkippedFor, IReadOnlyList<string> RunErrors)
{
    static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    static readonly string[] FailedOutcomes = ["Failed", "Error", "Timeout", "Aborted"];
    const string MissingPartPrefix = "Missing external part (would fail under CI=true). ";

    public int Skipped => SkippedFor.Sum(x => x.Count);

    public static TestRunSummary FromTrxFiles(string directory)
    {
        var files = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.trx", SearchOption.AllDirectories).Select(XDocument.Load).ToList()
            : [];
        var results = files
            .SelectMany(file => file.Descendants(Trx + "UnitTestResult"))
            .Select(result => (Outcome: (string?) result.Attribute("outcome") ?? string.Empty, Reason: ReasonOf(result)))
            .ToList();
        // One entry per test assembly (TRX file): NUnit reports a failed tear-down as a headline and then its message.
        var runErrors = files
            .Select(file => string.Join("\n", file.Descendants(Trx + "RunInfo")
                .Where(info => (string?) info.Attribute("outcome") == "Error")
                .Select(info => info.Element(Trx + "Text")?.Value.Trim() ?? string.Empty)))
            .Where(text => text.Length > 0)
            .ToList();

        var passed = results.Count(x => x.Outcome == "Passed");
        var failed = results.Count(x => FailedOutcomes.Contains(x.Outcome));
        var skipped = results
            .Where(x => x.Outcome != "Passed" && !FailedOutcomes.Contains(x.Outcome))
            .GroupBy(x => PartOf(x.Reason))
            .Select(group => new SkippedGroup(group.Key, group.Count(), group.First().Reason))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Part)
            .ToList();
        return new TestRunSummary(passed, failed, skipped, runErrors);
    }

    /// <summary>What a skipped test lacked, in a few words: a package, a program, root; else the first sentence of its reason.</summary>
    public static string PartOf(string reason)
    {
        if (Regex.Match(reason, @"Debian's (\S+) package") is { Success: true } package)
            return package.Groups[1].Value;
        if (Regex.Match(reason, @"The program '([^']+)' is not on PATH") is { Success: true } program)
            return program.Groups[1].Value;
        if (reason.Contains("needs root"))
            return "root";
        var sentence = reason.StartsWith(MissingPartPrefix) ? reason[MissingPartPrefix.Length..] : reason;
        sentence = sentence.Split(". ")[0].Trim();
        return sentence.Length == 0 ? "no reason given" : sentence.Length <= 80 ? sentence : sentence[..77] + "...";
    }

    /// <summary>The reason an ignored test gave: the TRX logger keeps it as the result's error message.</summary>
    static string ReasonOf(XElement result) =>
        (string?) result.Element(Trx + "Output")?.Element(Trx + "ErrorInfo")?.Element(Trx + "Message")
        ?? (string?) result.Element(Trx + "Output")?.Element(Trx + "StdOut")
        ?? string.Empty;

    public override string ToString()
    {
        var skipped = SkippedFor.Count == 0 ? "" : $" ({string.Join(", ", SkippedFor.Select(x => $"{x.Count} for want of {x.Part}"))})";
        var errors = RunErrors.Count > 0 ? $", {RunErrors.Count} error(s) outside any test" : "";
        return $"{Passed} passed, {Failed} failed, {Skipped} skipped{skipped}{errors}";
    }
}

/// <summary>Skipped tests that lacked the same part, with one of their reasons (which names the fix).</summary>
record SkippedGroup(string Part, int Count, string Reason);
