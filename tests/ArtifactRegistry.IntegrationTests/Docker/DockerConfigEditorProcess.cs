using System.Diagnostics;

namespace ArtifactRegistry.IntegrationTests.Docker;

/// <summary>Runs the DockerConfigEditor test program as a separate process: another build editing the same docker config.</summary>
internal static class DockerConfigEditorProcess
{
    private static string Program => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestPrograms", "DockerConfigEditor.dll");

    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static Process Start(string configDirectory, string hostPrefix, string countOrForever)
    {
        var start = new ProcessStartInfo(DotNet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Program, configDirectory, hostPrefix, countOrForever })
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Program}.");
    }

    public static async Task<string> WaitAsync(Process process, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var error = process.StandardError.ReadToEndAsync(cancellation.Token);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"DockerConfigEditor (PID {process.Id}) did not finish within {timeout}.");
        }
        Assert.That(process.ExitCode, Is.Zero, $"DockerConfigEditor failed: {await error}");
        return await error;
    }
}
