using System.Collections.Concurrent;
using System.Diagnostics;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Tests.Processes;

public sealed class TerminationTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentBag<int> _started = [];

    [SetUp]
    public void RequireLinux() => ProcessTable.RequireLinux();

    [TearDown]
    public void StopLeftovers()
    {
        foreach (var processId in _started)
            ProcessTable.KillIfAlive(processId);
    }

    [Test]
    public async Task A_timeout_kills_a_child_that_ignores_SIGTERM_and_its_grandchild()
    {
        int? grandchild = null;
        var stopwatch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<ProcessTimeoutException>(() =>
            EchoTool.Run("ignore-sigterm", "spawn-grandchild", "err-line", "still working", "sleep", "600000")
                .WithTimeout(TimeSpan.FromSeconds(8))
                .WithKillGracePeriod(Grace)
                .WithOutputLine(line => grandchild ??= Remember(line))
                .ExecuteAsync());

        Assert.That(grandchild, Is.Not.Null, "the grandchild had not started within the timeout");
        _started.Add(exception!.ProcessId);
        Assert.That(ProcessTable.IsAlive(exception.ProcessId), Is.False, "the child survived");
        Assert.That(ProcessTable.IsAlive(grandchild!.Value), Is.False, "the grandchild survived");
        Assert.That(stopwatch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(8) + Grace), "SIGKILL came before the grace period ended");
        Assert.That(exception.Timeout, Is.EqualTo(TimeSpan.FromSeconds(8)));
        Assert.That(exception.Message, Does.StartWith("Process 'dotnet' did not exit within its timeout of 8 s and was killed with its child processes."));
        Assert.That(exception.Message, Does.Contain("   still working").And.Contain("raise the timeout (ProcessCommand.WithTimeout)"));
    }

    [Test]
    public async Task Cancellation_kills_a_child_that_ignores_SIGTERM_and_its_grandchild()
    {
        int? grandchild = null;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var exception = await Assert.ThrowsAsync<ProcessCanceledException>(() =>
            EchoTool.Run("ignore-sigterm", "spawn-grandchild", "sleep", "600000")
                .WithKillGracePeriod(Grace)
                .WithOutputLine(line =>
                {
                    grandchild ??= Remember(line);
                    cancellation.Cancel();
                })
                .ExecuteAsync(cancellation.Token));

        Assert.That(grandchild, Is.Not.Null, "the grandchild never started");
        _started.Add(exception!.ProcessId);
        Assert.That(ProcessTable.IsAlive(exception.ProcessId), Is.False, "the child survived");
        Assert.That(ProcessTable.IsAlive(grandchild!.Value), Is.False, "the grandchild survived");
        Assert.That(exception.CancellationToken, Is.EqualTo(cancellation.Token));
        Assert.That(exception.Message, Does.StartWith("Process 'dotnet' was canceled after"));
    }

    [Test]
    public async Task A_shell_pipeline_that_ignores_SIGTERM_is_killed_whole_on_cancellation()
    {
        int? sleeper = null;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var exception = await Assert.ThrowsAsync<ProcessCanceledException>(() => ProcessCommand.For("/bin/sh")
            .WithArguments(["-c", "trap '' TERM; sleep 600 & echo \"grandchild $!\"; wait"])
            .WithKillGracePeriod(Grace)
            .WithOutputLine(line =>
            {
                sleeper ??= Remember(line);
                cancellation.Cancel();
            })
            .ExecuteAsync(cancellation.Token));

        Assert.That(sleeper, Is.Not.Null);
        Assert.That(ProcessTable.IsAlive(exception!.ProcessId), Is.False, "the shell survived");
        Assert.That(ProcessTable.IsAlive(sleeper!.Value), Is.False, "its sleep survived");
    }

    [Test]
    public async Task Cancellation_sends_SIGTERM_first_so_a_program_can_clean_up()
    {
        var lines = new List<string>();
        int? sleeper = null;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<ProcessCanceledException>(() => ProcessCommand.For("/bin/sh")
            .WithArguments(["-c", "trap 'echo cleaning up; exit 3' TERM; sleep 600 & echo \"grandchild $!\"; wait"])
            .WithKillGracePeriod(TimeSpan.FromSeconds(20))
            .WithOutputLine(line =>
            {
                lines.Add(line);
                if (sleeper is null && Remember(line) is { } processId)
                {
                    sleeper = processId;
                    ProcessTable.WaitUntilRunning(processId, "sleep");
                }
                cancellation.Cancel();
            })
            .ExecuteAsync(cancellation.Token));

        Assert.That(lines, Has.Count.EqualTo(2).And.Contains("cleaning up"));
        Assert.That(ProcessTable.IsAlive(sleeper!.Value), Is.False, "the shell's sleep survived");
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "the runner waited out the grace period although the program had exited");
    }

    [Test]
    public async Task A_grandchild_left_behind_by_a_parent_that_exits_on_SIGTERM_is_still_killed()
    {
        // The shell leaves on SIGTERM; its sleep ignores SIGTERM and is re-parented, so it is no longer in the tree found at
        // kill time (what CliWrap's forceful stop kills): only the tree remembered from the first signal still holds it.
        var lines = new List<string>();
        int? sleeper = null;
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var exception = await Assert.ThrowsAsync<ProcessCanceledException>(() => ProcessCommand.For("/bin/sh")
            .WithArguments(["-c", "trap 'echo leaving; exit 0' TERM; (trap '' TERM; exec sleep 600) & echo \"grandchild $!\"; wait"])
            .WithKillGracePeriod(Grace)
            .WithOutputLine(line =>
            {
                lines.Add(line);
                if (sleeper is null && Remember(line) is { } processId)
                {
                    sleeper = processId;
                    ProcessTable.WaitUntilRunning(processId, "sleep");
                    cancellation.Cancel();
                }
            })
            .ExecuteAsync(cancellation.Token));

        Assert.That(sleeper, Is.Not.Null);
        Assert.That(lines, Does.Contain("leaving"), "the shell did not exit on SIGTERM, so its sleep was never left behind");
        Assert.That(ProcessTable.IsAlive(exception!.ProcessId), Is.False, "the shell survived");
        Assert.That(ProcessTable.IsAlive(sleeper!.Value), Is.False, "the sleep its shell left behind survived");
    }

    [Test]
    public async Task An_already_canceled_token_starts_nothing()
    {
        var marker = Path.Combine(Path.GetTempPath(), "process-tests-" + Guid.NewGuid());

        await Assert.CatchAsync<OperationCanceledException>(() => ProcessCommand.For("/bin/sh")
            .WithArguments(["-c", "touch \"$0\"", marker])
            .ExecuteAsync(new CancellationToken(canceled: true)));

        Assert.That(File.Exists(marker), Is.False);
    }

    private int? Remember(string line)
    {
        if (!line.StartsWith("grandchild ", StringComparison.Ordinal))
            return null;
        var processId = int.Parse(line["grandchild ".Length..]);
        _started.Add(processId);
        return processId;
    }
}
