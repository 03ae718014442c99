using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

/// <summary>
/// Test counts read from the TRX files of one run: every UnitTestResult, by outcome, and the errors reported outside any test
/// (a failed assembly-wide set-up or tear-down, such as the check that the real home is unchanged), which count as failures.
/// </summary>
record TestRunSummary(int Passed, int Failed, int Skipped, IReadOnlyList<string> RunErrors)
{
    static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    static readonly string[] FailedOutcomes = ["Failed", "Error", "Timeout", "Aborted"];

    public static TestRunSummary FromTrxFiles(string directory)
    {
        var files = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.trx", SearchOption.AllDirectories).Select(XDocument.Load).ToList()
            : [];
        var outcomes = files
            .SelectMany(file => file.Descendants(Trx + "UnitTestResult"))
            .Select(result => (string?) result.Attribute("outcome") ?? string.Empty)
            .ToList();
        // One entry per test assembly (TRX file): NUnit reports a failed tear-down as a headline and then its message.
        var runErrors = files
            .Select(file => string.Join("\n", file.Descendants(Trx + "RunInfo")
                .Where(info => (string?) info.Attribute("outcome") == "Error")
                .Select(info => info.Element(Trx + "Text")?.Value.Trim() ?? string.Empty)))
            .Where(text => text.Length > 0)
            .ToList();

        var passed = outcomes.Count(x => x == "Passed");
        var failed = outcomes.Count(x => FailedOutcomes.Contains(x));
        return new TestRunSummary(passed, failed, outcomes.Count - passed - failed, runErrors);
    }

    public override string ToString() =>
        $"{Passed} passed, {Failed} failed, {Skipped} skipped" + (RunErrors.Count > 0 ? $", errors outside any test in {RunErrors.Count} test assembly run(s)" : "");
}
