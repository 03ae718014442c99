namespace Nuke.StandIn.Tests.Bootstrapper;

/// <summary>
/// NUKE stamps its assemblies Major.Minor.0.0 (every 10.1.x is 10.1.0.0), so code compiled against the stand-in must
/// reference that version whatever patch NukeVersion names, or it would not load against the real assemblies.
/// The three stand-in projects share the rule (source/Nuke.StandIn/Directory.Build.props); NukeSurfaceTests checks
/// all three built assemblies.
/// </summary>
[NonParallelizable]
public class AssemblyVersionTests
{
    [TestCase("10.1.7", "10.1.0.0")]
    [TestCase("10.2.3", "10.2.0.0")]
    public void A_patch_of_NukeVersion_does_not_change_the_stamped_Major_Minor_0_0(string nukeVersion, string assemblyVersion)
    {
        var (exitCode, output, error) = RepositoryProcess.Run(
            "dotnet", "msbuild", "source/Nuke.StandIn/Nuke.Utilities/Nuke.Utilities.csproj", $"-p:NukeVersion={nukeVersion}", "-getProperty:AssemblyVersion");

        Assert.That(exitCode, Is.EqualTo(0), output + error);
        // One property asked for: msbuild prints its value alone.
        Assert.That(output.Trim(), Is.EqualTo(assemblyVersion));
    }
}
