using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Tests.Processes;

/// <summary>The test program, copied next to the tests by the test project; its steps are listed in its Program.cs.</summary>
internal static class EchoTool
{
    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "TestPrograms", "EchoTool.dll");

    public static ProcessCommand Run(params string[] steps) =>
        ProcessCommand.For("dotnet").WithArguments(arguments => arguments.Add(AssemblyPath).Add(steps));

    /// <summary>For steps that need secret arguments: the builder gets the dll path first.</summary>
    public static ProcessCommand Run(Action<ArgumentsBuilder> steps) =>
        ProcessCommand.For("dotnet").WithArguments(arguments => steps(arguments.Add(AssemblyPath)));
}
