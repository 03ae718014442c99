using ArtifactRegistry.Context;
using Nuke.Common;
using Assert = NUnit.Framework.Assert;
using Nuke.Common.Execution;
using Nuke.Common.Tooling;
using Serilog;
using ParameterAttribute = Nuke.Common.ParameterAttribute;

namespace ArtifactRegistry.Nuke.Tests;

/// <summary>
/// Two builds run one after the other in one process, each with its own context: neither sees the other's context, changes or
/// pushed images, and the context hook is applied again for each target rather than frozen at the first.
/// </summary>
public class TwoBuildsTests
{
    private string _root = null!;

    [SetUp]
    public void CreateRoot()
    {
        _root = Directory.CreateTempSubdirectory("ar-nuke-two-builds-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, ".nuke"));
    }

    [TearDown]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Two_builds_in_one_process_each_see_only_their_own_context()
    {
        var first = Run("Probe", "--probe-value", "first", "--leave", "from-first");
        var second = Run("Probe", "--probe-value", "second");

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Output);
            Assert.That(second.ExitCode, Is.Zero, second.Output);
            Assert.That(first.Output, Does.Contain("probe=first left=(none) pushed=0 auth=none"));
            Assert.That(second.Output, Does.Contain("probe=second left=(none) pushed=0 auth=none"),
                "the second build has its own context: neither the first's hook nor what it set on its build");
        });
    }

    [Test]
    public void The_context_hook_is_applied_for_each_target_not_only_the_first()
    {
        var run = Run("Probe", "ProbeAgain", "--probe-value", "first", "--leave", "from-probe");

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Output, Does.Contain("probe=first left=(none)").And.Contain("again: probe=first-changed left=from-probe"),
            "the hook reads the build's state when each target runs, and the build's own context keeps what a target set");
    }

    [Test]
    public void The_NUKE_face_keeps_no_static_state_but_the_table_that_hangs_each_build_s_state_off_its_build()
    {
        var statics = typeof(ArtifactRegistryBuild).Assembly.GetTypes()
            .Where(type => !type.Name.StartsWith('<'))
            .SelectMany(type => type.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
                .Where(field => !field.IsLiteral)
                .Select(field => $"{type.Name}.{field.Name.Replace("k__BackingField", "").Trim('<', '>')}{(field.IsInitOnly ? "" : " (writable)")}"));

        // Immutable singletons, and the table keyed by the build object: nothing a second build could see of a first.
        Assert.That(statics, Is.EquivalentTo(new[]
        {
            "ArtifactRegistryBuild.Builds", "SerilogBridge.Instance", "NukeSettingNames.Instance", "NukeSettingNames.Parameters",
        }));
    }

    private (int ExitCode, string Output) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        var result = BuildRunner.Run<ProbeBuild>([], new BuildInvocation(arguments, new Dictionary<string, string>(), _root, output));
        return (result.ExitCode, output.ToString());
    }

    private sealed class ProbeBuild : NukeBuild, IArtifactRegistryTags
    {
        [Parameter] readonly string? ProbeValue;
        [Parameter] readonly string? Leave;
        string _suffix = "";

        Configure<OperationContext> IArtifactRegistryContext.ArtifactRegistryContext => context => context.SetEnvironmentVariable("PROBE", ProbeValue + _suffix);

        IArtifactRegistryContext Component => this;

        /// <summary>Logs what the context says, then leaves a variable on this build's own context.</summary>
        Target Probe => _ => _
            .Executes(() =>
            {
                Log.Information("{Line}", Line());
                if (Leave is not null)
                    Component.ArtifactRegistryBuild.Context = Component.ArtifactRegistryBuild.Context.SetEnvironmentVariable("LEFT", Leave);
            });

        /// <summary>Changes what the hook reads, then logs the context again.</summary>
        Target ProbeAgain => _ => _
            .After(Probe)
            .Executes(() =>
            {
                _suffix = "-changed";
                Log.Information("again: {Line}", Line());
            });

        string Line()
        {
            var context = Component.TargetContext;
            return $"probe={context.Variable("PROBE")} left={context.Variable("LEFT") ?? "(none)"} " +
                   $"pushed={Component.ArtifactRegistryBuild.PushedImages.Count} auth={(Component.ArtifactRegistryBuild.DockerAuth is null ? "none" : "some")}";
        }
    }
}
