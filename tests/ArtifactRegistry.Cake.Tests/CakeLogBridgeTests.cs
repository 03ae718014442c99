using ArtifactRegistry.Cake.Hosting;
using Cake.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using CakeLevel = Cake.Core.Diagnostics.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ArtifactRegistry.Cake.Tests;

public class CakeLogBridgeTests
{
    [Test]
    public void At_normal_verbosity_the_steps_show_and_docker_s_lines_do_not()
    {
        var log = new RecordingLog(Verbosity.Normal);
        var logger = new CakeLogBridge(log);

        logger.LogInformation("BuildAndPush: pushed {Image}", "asia-docker.pkg.dev/p/repo/api:1");
        logger.LogDebug("docker: #5 DONE 0.1s");
        logger.LogWarning("GrantReader: may not change IAM policies");

        Assert.That(log.Lines, Is.EqualTo(new[]
        {
            (Verbosity.Normal, CakeLevel.Information, "BuildAndPush: pushed asia-docker.pkg.dev/p/repo/api:1"),
            (Verbosity.Minimal, CakeLevel.Warning, "GrantReader: may not change IAM policies"),
        }));
    }

    [Test]
    public void At_verbose_docker_s_lines_show_and_at_quiet_only_errors()
    {
        var verbose = new CakeLogBridge(new RecordingLog(Verbosity.Verbose));
        var quiet = new CakeLogBridge(new RecordingLog(Verbosity.Quiet));

        Assert.That(verbose.IsEnabled(LogLevel.Debug), Is.True);
        Assert.That(verbose.IsEnabled(LogLevel.Trace), Is.False);
        Assert.That(quiet.IsEnabled(LogLevel.Warning), Is.False);
        Assert.That(quiet.IsEnabled(LogLevel.Error), Is.True);
    }

    [Test]
    public void A_message_with_braces_reaches_Cake_as_text_not_as_a_format()
    {
        var log = new RecordingLog(Verbosity.Normal);

        new CakeLogBridge(log).LogInformation("{Line}", "{\"status\":\"pushed\"} {0}");

        Assert.That(log.Lines.Single().Text, Is.EqualTo("{\"status\":\"pushed\"} {0}"));
    }

    /// <summary>What Cake's log would print, filtered by its verbosity as Cake's own log filters.</summary>
    private sealed class RecordingLog(Verbosity verbosity) : ICakeLog
    {
        public List<(Verbosity Verbosity, CakeLevel Level, string Text)> Lines { get; } = [];

        public Verbosity Verbosity { get; set; } = verbosity;

        public void Write(Verbosity verbosity, CakeLevel level, string format, params object[] args)
        {
            if (verbosity <= Verbosity)
                Lines.Add((verbosity, level, string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args)));
        }
    }
}
