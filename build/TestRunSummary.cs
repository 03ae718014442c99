using System.IO;
using System.Linq;
using System.Xml.Linq;

/// <summary>Test counts read from the TRX files of one run: every UnitTestResult, by outcome.</summary>
record TestRunSummary(int Passed, int Failed, int Skipped)
{
    static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    static readonly string[] FailedOutcomes = ["Failed", "Error", "Timeout", "Aborted"];

    public static TestRunSummary FromTrxFiles(string directory)
    {
        var outcomes = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.trx", SearchOption.AllDirectories)
                .SelectMany(file => XDocument.Load(file).Descendants(Trx + "UnitTestResult"))
                .Select(result => (string?) result.Attribute("outcome") ?? string.Empty)
                .ToList()
            : [];

        var passed = outcomes.Count(x => x == "Passed");
        var failed = outcomes.Count(x => FailedOutcomes.Contains(x));
        return new TestRunSummary(passed, failed, outcomes.Count - passed - failed);
    }

    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}
