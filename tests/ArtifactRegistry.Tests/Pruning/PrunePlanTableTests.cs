using ArtifactRegistry.Pruning;
using static ArtifactRegistry.Tests.Pruning.Versions;

namespace ArtifactRegistry.Tests.Pruning;

public sealed class PrunePlanTableTests
{
    [Test]
    public void The_table_shows_image_digest_age_size_and_the_reason_for_every_version()
    {
        var plan = Plan(PrunePolicy.Default, Version("old", 40, size: 3 * 1024 * 1024), Version("release", 2.5, tags: ["v1"], size: 512));

        var lines = plan.ToTable().ToList();

        Assert.That(lines, Is.EqualTo(new[]
        {
            "IMAGE                                  DIGEST               AGE     SIZE  ACTION  REASON",
            $"asia-docker.pkg.dev/sample-project/sample/app  sha256:{Hex("release")[..12]}   2 d   512 B  keep    tagged v1",
            $"asia-docker.pkg.dev/sample-project/sample/app  sha256:{Hex("old")[..12]}  40 d  3.0 MiB  delete  untagged, 40 d old",
        }).Using<string>(Aligned));
    }

    [Test]
    public void Every_line_has_its_columns_at_the_same_places()
    {
        var plan = Plan(PrunePolicy.Default, Version("a", 400, Worker, size: 12), Version("b", 0.001, size: 5L * 1024 * 1024 * 1024), Version("c", 3, tags: ["x"]));

        var lines = plan.ToTable().ToList();
        var digestColumn = lines[0].IndexOf("DIGEST", StringComparison.Ordinal);
        var actionColumn = lines[0].IndexOf("ACTION", StringComparison.Ordinal);

        Assert.Multiple(() =>
        {
            foreach (var line in lines.Skip(1))
            {
                Assert.That(line[digestColumn..].StartsWith("sha256:", StringComparison.Ordinal), line);
                Assert.That(line[actionColumn..], Does.StartWith("keep").Or.StartWith("delete"), line);
            }

            Assert.That(lines, Has.Some.Contains("5.00 GiB"));
            Assert.That(lines, Has.Some.Contains("1 min"));
        });
    }

    /// <summary>Compares rows cell by cell, so the expected text need not repeat the padding.</summary>
    private static bool Aligned(string actual, string expected) =>
        actual.Split(' ', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
