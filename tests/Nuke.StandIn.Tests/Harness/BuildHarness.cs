using System.Linq.Expressions;
using Nuke.Common;
using Nuke.Common.Execution;

namespace Nuke.StandIn.Tests.Harness;

/// <summary>
/// Runs a build in-process against a temporary root directory (with <c>.nuke/</c>), an environment dictionary and a
/// captured output, the way <c>./build.sh</c> would run it. Deletes the directory when disposed.
/// </summary>
internal sealed class BuildHarness : IDisposable
{
    public BuildHarness()
    {
        Root = Path.Combine(Path.GetTempPath(), "nuke-standin-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
        WorkingDirectory = Root;
        Journal.Clear();
    }

    public string Root { get; }

    public string WorkingDirectory { get; set; }

    public Dictionary<string, string> Environment { get; } = new();

    public void WriteParametersFile(string json, string? profile = null)
    {
        var name = profile == null ? "parameters.json" : $"parameters.{profile}.json";
        File.WriteAllText(Path.Combine(Root, ".nuke", name), json);
    }

    public BuildRun Run<T>(params string[] arguments)
        where T : NukeBuild, new()
        => RunWithDefault<T>(defaultTarget: null, arguments);

    public BuildRun RunWithDefault<T>(Expression<Func<T, Target>>? defaultTarget, params string[] arguments)
        where T : NukeBuild, new()
    {
        using var output = new StringWriter();
        var invocation = new BuildInvocation(arguments, Environment, WorkingDirectory, output);
        var defaults = defaultTarget != null ? new[] { defaultTarget } : [];
        var result = BuildRunner.Run(defaults, invocation);
        return new BuildRun(result, output.ToString());
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
