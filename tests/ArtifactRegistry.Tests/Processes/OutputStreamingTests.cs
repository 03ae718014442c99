using System.Diagnostics;
using ArtifactRegistry.Processes;

namespace ArtifactRegistry.Tests.Processes;

public sealed class OutputStreamingTests
{
    [Test]
    public async Task Output_and_error_lines_reach_their_handlers_in_order()
    {
        var output = new List<string>();
        var error = new List<string>();

        await EchoTool.Run("interleave", "50").WithOutputLine(output.Add).WithErrorLine(error.Add).ExecuteAsync();

        Assert.That(output, Is.EqualTo(Enumerable.Range(1, 50).Select(n => $"out {n}")));
        Assert.That(error, Is.EqualTo(Enumerable.Range(1, 50).Select(n => $"err {n}")));
    }

    [Test]
    public async Task A_line_reaches_its_handler_while_the_program_is_still_running()
    {
        var stopwatch = Stopwatch.StartNew();
        TimeSpan? firstLineAt = null;

        var result = await EchoTool.Run("line", "early", "sleep", "1500", "line", "late")
            .WithOutputLine(line => firstLineAt ??= stopwatch.Elapsed)
            .ExecuteAsync();

        Assert.That(firstLineAt, Is.Not.Null);
        Assert.That(stopwatch.Elapsed - firstLineAt!.Value, Is.GreaterThan(TimeSpan.FromSeconds(1)),
            "the first line arrived only when the program ended, so it was not streamed");
        Assert.That(result.StandardOutput, Is.EqualTo("early\nlate\n"));
    }

    [Test]
    public async Task Handlers_of_output_and_error_never_run_at_the_same_time()
    {
        var running = 0;
        var overlaps = 0;
        void Handler(string line)
        {
            if (Interlocked.Increment(ref running) > 1)
                Interlocked.Increment(ref overlaps);
            Thread.SpinWait(2000);
            Interlocked.Decrement(ref running);
        }

        await EchoTool.Run("out", "5000", "err", "5000").WithOutputLine(Handler).WithErrorLine(Handler).ExecuteAsync();

        Assert.That(overlaps, Is.Zero);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task A_program_printing_a_hundred_thousand_lines_on_each_stream_does_not_deadlock(CancellationToken cancellationToken)
    {
        var outputLines = 0;
        var errorLines = 0;

        var result = await EchoTool.Run("out", "100000", "err", "100000", "out", "100000")
            .WithOutputLine(_ => outputLines++)
            .WithErrorLine(_ => errorLines++)
            .WithLogger(new CapturingLogger())
            .ExecuteAsync(cancellationToken);

        Assert.That(outputLines, Is.EqualTo(200_000));
        Assert.That(errorLines, Is.EqualTo(100_000));
        Assert.That(result.StandardOutput, Does.EndWith("out 100000\n"));
        Assert.That(result.StandardOutput.Count(character => character == '\n'), Is.EqualTo(200_000));
        Assert.That(result.StandardError.Count(character => character == '\n'), Is.EqualTo(100_000));
    }

    [Test]
    public async Task A_large_standard_input_echoed_back_does_not_deadlock()
    {
        var input = string.Concat(Enumerable.Range(1, 100_000).Select(n => $"line {n}\n"));

        var result = await EchoTool.Run("echo-stdin").WithStandardInput(StandardInput.FromString(input))
            .WithTimeout(TimeSpan.FromSeconds(60)).ExecuteAsync();

        Assert.That(result.StandardOutput, Is.EqualTo(input));
    }

    [Test]
    public async Task A_throwing_handler_stops_the_program_and_its_exception_reaches_the_caller()
    {
        var stopwatch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => EchoTool.Run("line", "boom", "sleep", "60000")
            .WithKillGracePeriod(TimeSpan.FromMilliseconds(200))
            .WithOutputLine(line => throw new InvalidOperationException($"handler refused '{line}'"))
            .ExecuteAsync());

        Assert.That(exception!.Message, Is.EqualTo("handler refused 'boom'"));
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
    }
}
