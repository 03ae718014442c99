using System.Reflection;
using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;

namespace Nuke.StandIn.Tests.Surface;

/// <summary>
/// The stand-in promises nothing NUKE 10.1.0 does not have: its public surface is exactly the checked-in list of
/// signatures read from NUKE's sources, so a member added or changed here is caught when it is written.
/// </summary>
public class NukeSurfaceTests
{
    private const string ListFile = "Surface/nuke-10.1.0-signatures.txt";

    private static readonly Assembly[] StandIn = [typeof(NukeBuild).Assembly, typeof(ProcessTasks).Assembly, typeof(AbsolutePath).Assembly];

    [Test]
    public void The_public_surface_is_exactly_the_list_of_NUKE_10_1_0_signatures()
    {
        var listed = File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, ListFile))
            .Where(x => x.Length > 0 && !x.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
        var actual = StandIn.SelectMany(PublicSurface.Of).ToHashSet(StringComparer.Ordinal);

        var unlisted = actual.Except(listed).Order(StringComparer.Ordinal).ToList();
        var gone = listed.Except(actual).Order(StringComparer.Ordinal).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(unlisted, Is.Empty,
                $"The stand-in has public members that are not in tests/Nuke.StandIn.Tests/{ListFile}. Find each in NUKE's sources at tag " +
                "10.1.0 with exactly this signature and add its line, or make it internal:" + Environment.NewLine +
                string.Join(Environment.NewLine, unlisted));
            Assert.That(gone, Is.Empty,
                $"These lines of tests/Nuke.StandIn.Tests/{ListFile} are no longer in the stand-in; remove them:" + Environment.NewLine +
                string.Join(Environment.NewLine, gone));
        });
    }

    [Test]
    public void The_assemblies_have_NUKE_10_1_names_and_its_Major_Minor_0_0_version()
    {
        Assert.That(StandIn.Select(x => x.GetName().ToString()), Is.EquivalentTo(new[]
        {
            "Nuke.Build, Version=10.1.0.0, Culture=neutral, PublicKeyToken=null",
            "Nuke.Tooling, Version=10.1.0.0, Culture=neutral, PublicKeyToken=null",
            "Nuke.Utilities, Version=10.1.0.0, Culture=neutral, PublicKeyToken=null"
        }));
    }
}
