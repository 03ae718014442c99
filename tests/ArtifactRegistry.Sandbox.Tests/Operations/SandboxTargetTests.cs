using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ArtifactRegistry.LocalEngine;
using ArtifactRegistry.Sandbox.Tests.Support;
using ArtifactRegistry.Testing.FileSystem;
using ArtifactRegistry.Testing.Processes;
using CliWrap;
using CommandResult = CliWrap.CommandResult;

namespace ArtifactRegistry.Sandbox.Tests.Operations;

/// <summary>
/// The real <c>./build.sh Sandbox</c> as a new user runs it, in this repository's root: start-time fault parameters, the env
/// file (written to a temporary folder with <c>--sandbox-env-file</c>, so a sandbox the developer runs keeps its own), and a
/// clean stop on SIGTERM. Takes ~10-40 s when build/ changed (the bootstrapper builds it first), a few seconds when not.
/// </summary>
public class SandboxTargetTests
{
    private const string Repo = "v1/projects/sample-project/locations/asia/repositories/sample";
    // ./build.sh first builds build/_build.csproj and everything it references: 30 s on a quiet machine, past 2 minutes on a
    // loaded 2-core one. A bound, not a wait: a run that is on time does not pay for it.
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Build_sh_Sandbox_serves_the_faults_given_on_its_command_line_and_stops_cleanly_on_SIGTERM()
    {
        using var folder = TempDirectory.Create("ar-sandbox-target-");
        var envFile = folder.Combine("sandbox.env");
        var output = new StringBuilder();
        var process = Start(output, CancellationToken.None, "Sandbox",
            "--sandbox-throttle-share", "1", "--sandbox-retry-after", "3s", "--sandbox-fault-scope", "Rest", "--sandbox-env-file", envFile);
        var started = new List<int> { process.ProcessId };
        try
        {
            await WaitForStartAsync(process, output);
            started.AddRange(DescendantsOf(process.ProcessId));
            var variables = ReadEnvFile(envFile);
            using var http = new HttpClient();

            var throttled = await SendAsync(http, new Uri(new Uri(variables["ARTIFACT_REGISTRY_SANDBOX"]), Repo), variables["CLOUDSDK_AUTH_ACCESS_TOKEN"]);
            var tokenInfo = await SendAsync(http, new Uri(new Uri(variables["ARTIFACT_REGISTRY_SANDBOX"]), "tokeninfo"), variables["CLOUDSDK_AUTH_ACCESS_TOKEN"]);
            var plan = await SendAsync(http, new Uri(new Uri(variables["ARTIFACT_REGISTRY_SANDBOX_CONTROL"]), "faults"), variables["ARTIFACT_REGISTRY_SANDBOX_CONTROL_TOKEN"]);

            Assert.That(UnixSignals.Send(process.ProcessId, UnixSignals.Terminate), Is.True, "SIGTERM could not be sent");
            using var stopping = new CancellationTokenSource(StopLimit);
            var exit = await process.Task.WaitAsync(stopping.Token);
            var survivors = started.Where(UnixSignals.IsRunning).Concat(ProcessTable.ProcessesUsing(folder.Path)).Distinct().ToList();

            Assert.Multiple(() =>
            {
                Assert.That(throttled.Status, Is.EqualTo(HttpStatusCode.TooManyRequests), throttled.ToString());
                Assert.That(throttled.GoogleError.Status, Is.EqualTo("RESOURCE_EXHAUSTED"));
                Assert.That(throttled.Header("Retry-After"), Is.EqualTo("3"));
                Assert.That(tokenInfo.Status, Is.EqualTo(HttpStatusCode.OK), "--sandbox-fault-scope Rest leaves the token endpoints alone: " + tokenInfo);
                Assert.That(plan.Json["throttleShare"]!.GetValue<double>(), Is.EqualTo(1), plan.ToString());
                Assert.That(plan.Json["scope"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "Rest" }));
                Assert.That(output.ToString(), Does.Contain("faults                    : 100 % throttled (429, Retry-After 3 s); scope Rest"));
                Assert.That(output.ToString(), Does.Contain("control (faults, counters): " + variables["ARTIFACT_REGISTRY_SANDBOX_CONTROL"]));
                Assert.That(output.ToString(), Does.Contain("Artifact Registry sandbox stopped."));
                Assert.That(variables["KUBECONFIG"], Is.EqualTo(folder.Combine("kubeconfig")), "the cluster runs with the rest");
                Assert.That(File.Exists(variables["KUBECONFIG"]), Is.True);
                Assert.That(output.ToString(), Does.Contain("Kubernetes API (cluster)  : " + variables["ARTIFACT_REGISTRY_SANDBOX_CLUSTER"]));
                Assert.That(exit.ExitCode, Is.EqualTo(0), output.ToString());
                Assert.That(survivors, Is.Empty, "processes left behind after SIGTERM");
            });
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"./build.sh Sandbox did not exit within {StopLimit.TotalSeconds} s of SIGTERM.{Environment.NewLine}{output}");
        }
        finally
        {
            // Only what this test started: the script's PID (the build, which build.sh execs) and what the build started.
            foreach (var processId in started.Where(UnixSignals.IsRunning))
                UnixSignals.Send(processId, UnixSignals.Kill);
        }
    }

    [Test]
    public async Task Build_sh_Sandbox_refuses_a_latency_that_is_not_a_duration_with_one_message_naming_the_parameter()
    {
        using var folder = TempDirectory.Create("ar-sandbox-target-");
        var envFile = folder.Combine("sandbox.env");
        var output = new StringBuilder();
        using var kill = new CancellationTokenSource();
        var process = Start(output, kill.Token, "Sandbox", "--sandbox-latency", "fast", "--sandbox-env-file", envFile);
        try
        {
            using var limit = new CancellationTokenSource(StartLimit);
            var exit = await process.Task.WaitAsync(limit.Token);

            Assert.Multiple(() =>
            {
                // NUKE's exit code -1, its error line for a target's exception, then the exception: the message before any stack frame.
                var text = Text(output);
                Assert.That(exit.ExitCode, Is.EqualTo(255), text);
                var logged = text.IndexOf("[ERR] Target Sandbox has thrown an exception", StringComparison.Ordinal);
                Assert.That(logged, Is.Not.Negative, text);
                Testing.FailureOutput.AssertMessageBeforeStackTrace(text[logged..], "--sandbox-latency got 'fast', which is not a duration: " +
                    "'fast' does not start with a number. Write a number with a unit (ms, s, m, h or d), like 50ms");
                Assert.That(File.Exists(envFile), Is.False, "no sandbox started");
            });
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"./build.sh Sandbox did not exit within {StartLimit.TotalSeconds} s.{Environment.NewLine}{Text(output)}");
        }
        finally
        {
            if (!process.Task.IsCompleted)
            {
                // CliWrap kills the process with its children.
                await kill.CancelAsync();
                await process.Task.ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static CommandTask<CommandResult> Start(StringBuilder output, CancellationToken kill, params string[] arguments) =>
        Cli.Wrap("bash")
            .WithArguments(["build.sh", .. arguments])
            .WithWorkingDirectory(RepositoryRoot.Find())
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line => Append(output, line)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => Append(output, line)))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(kill);

    private static void Append(StringBuilder output, string line)
    {
        lock (output)
            output.AppendLine(line);
    }

    /// <summary>Waits for the last startup line, which comes after the env file is written.</summary>
    private static async Task WaitForStartAsync(CommandTask<CommandResult> process, StringBuilder output)
    {
        var deadline = Stopwatch.StartNew();
        while (!Text(output).Contains("Change the faults while it runs with", StringComparison.Ordinal))
        {
            if (process.Task.IsCompleted)
                Assert.Fail($"./build.sh Sandbox exited with {(await process).ExitCode} before the sandbox started:{Environment.NewLine}{Text(output)}");
            if (deadline.Elapsed > StartLimit)
                Assert.Fail($"./build.sh Sandbox did not start within {StartLimit.TotalSeconds} s:{Environment.NewLine}{Text(output)}");
            await Task.Delay(100);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
            return output.ToString();
    }

    private static async Task<RestAnswer> SendAsync(HttpClient http, Uri uri, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await RestAnswer.ReadAsync(await http.SendAsync(request));
    }

    private static Dictionary<string, string> ReadEnvFile(string path) =>
        File.ReadAllLines(path)
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(p => p[0], p => p[1].Trim('\''), StringComparer.Ordinal);

    private static List<int> DescendantsOf(int processId)
    {
        var children = new List<int>();
        foreach (var thread in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            try
            {
                children.AddRange(File.ReadAllText(Path.Combine(thread, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
            catch (IOException)
            {
                // The thread ended while being read.
            }
        }

        return [.. children, .. children.SelectMany(DescendantsOf)];
    }
}
