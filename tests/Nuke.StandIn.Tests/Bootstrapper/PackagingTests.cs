using System.IO.Compression;
using System.Xml.Linq;

namespace Nuke.StandIn.Tests.Bootstrapper;

/// <summary>ArtifactRegistry.Nuke compiles against the stand-in but must ship as a package that depends on the real Nuke.Common.</summary>
[NonParallelizable]
public class PackagingTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private const string Project = "source/ArtifactRegistry.Nuke/ArtifactRegistry.Nuke.csproj";

    [Test]
    public void The_package_depends_on_the_real_Nuke_Common_and_neither_depends_on_nor_contains_the_stand_in()
    {
        var output = Path.Combine(Path.GetTempPath(), "nuke-standin-pack-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, standardOutput, error) = RepositoryProcess.Run(
                "dotnet", "pack", Project, "--configuration", Configuration, "--output", output, "-nodeReuse:false");
            Assert.That(exitCode, Is.EqualTo(0), standardOutput + error);

            var package = Directory.GetFiles(output, "ArtifactRegistry.Nuke.*.nupkg").Single();
            using var archive = ZipFile.OpenRead(package);
            using var nuspecStream = archive.Entries.Single(x => x.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            var dependencies = XDocument.Load(nuspecStream).Descendants()
                .Where(x => x.Name.LocalName == "dependency")
                .ToDictionary(x => (string) x.Attribute("id")!, x => (string) x.Attribute("version")!);

            Assert.That(dependencies, Does.ContainKey("Nuke.Common"));
            Assert.That(dependencies["Nuke.Common"], Is.EqualTo("10.1.0"));
            Assert.That(dependencies, Does.ContainKey("ArtifactRegistry"));
            Assert.That(dependencies.Keys, Has.None.StartsWith("Nuke.").And.Not.EqualTo("Nuke.Common"));
            Assert.That(archive.Entries.Select(x => x.Name), Has.None.Match(@"^Nuke\.(Build|Tooling|Utilities)\.dll$"));
        }
        finally
        {
            if (Directory.Exists(output))
                Directory.Delete(output, recursive: true);
        }
    }

    [TestCase("false", "Nuke.Build.csproj", "")]
    [TestCase("true", "", "Nuke.Common")]
    public void UseNukePackage_swaps_the_stand_in_project_for_the_real_package(
        string useNukePackage, string expectedProjectReference, string expectedPackageReference)
    {
        var (exitCode, output, error) = RepositoryProcess.Run(
            "dotnet", "msbuild", Project, $"-p:UseNukePackage={useNukePackage}",
            "-getItem:ProjectReference", "-getItem:PackageReference");
        Assert.That(exitCode, Is.EqualTo(0), output + error);

        var items = System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("Items");
        var projectReferences = items.GetProperty("ProjectReference").EnumerateArray().Select(x => x.GetProperty("Identity").GetString()!).ToList();
        var packageReferences = items.TryGetProperty("PackageReference", out var packages)
            ? packages.EnumerateArray().Select(x => x.GetProperty("Identity").GetString()!).ToList()
            : [];

        var standInReferenced = projectReferences.Any(x => x.EndsWith("Nuke.Build.csproj", StringComparison.Ordinal));
        Assert.That(standInReferenced, Is.EqualTo(expectedProjectReference != ""));
        Assert.That(packageReferences.Contains("Nuke.Common"), Is.EqualTo(expectedPackageReference != ""));
    }
}
