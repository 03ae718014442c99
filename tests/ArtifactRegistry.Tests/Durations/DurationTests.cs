using ArtifactRegistry.Durations;

namespace ArtifactRegistry.Tests.Durations;

public class DurationTests
{
    private const string Parameter = "--rollout-timeout";

    [TestCase("50ms", 0, 0, 0, 0, 50)]
    [TestCase("0ms", 0, 0, 0, 0, 0)]
    [TestCase("2s", 0, 0, 0, 2, 0)]
    [TestCase("0s", 0, 0, 0, 0, 0)]
    [TestCase("90s", 0, 0, 1, 30, 0)]
    [TestCase("1.5s", 0, 0, 0, 1, 500)]
    [TestCase("1m", 0, 0, 1, 0, 0)]
    [TestCase("1.5m", 0, 0, 1, 30, 0)]
    [TestCase("2h", 0, 2, 0, 0, 0)]
    [TestCase("1d", 1, 0, 0, 0, 0)]
    [TestCase("7d", 7, 0, 0, 0, 0)]
    [TestCase("1h30m", 0, 1, 30, 0, 0)]
    [TestCase("1m30s", 0, 0, 1, 30, 0)]
    [TestCase("2s500ms", 0, 0, 0, 2, 500)]
    [TestCase("1d2h3m4s5ms", 1, 2, 3, 4, 5)]
    [TestCase("  30s\t", 0, 0, 0, 30, 0)]
    [TestCase("007s", 0, 0, 0, 7, 0)]
    public void I_can_parse_a_number_with_a_unit_or_several_from_the_largest_unit_down(
        string text, int days, int hours, int minutes, int seconds, int milliseconds)
    {
        var expected = new TimeSpan(days, hours, minutes, seconds, milliseconds);

        Assert.Multiple(() =>
        {
            Assert.That(Duration.Parse(text, Parameter), Is.EqualTo(expected));
            Assert.That(Duration.TryParse(text, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(expected));
        });
    }

    [Test]
    public void A_fraction_of_a_millisecond_is_kept_to_the_tick()
    {
        Assert.That(Duration.Parse("0.25ms", Parameter), Is.EqualTo(TimeSpan.FromTicks(2_500)));
    }

    [Test]
    public void The_longest_duration_a_TimeSpan_holds_is_accepted()
    {
        Assert.That(Duration.Parse($"{TimeSpan.MaxValue.Days}d", Parameter), Is.EqualTo(TimeSpan.FromDays(TimeSpan.MaxValue.Days)));
    }

    [TestCase("", "it is empty")]
    [TestCase("   ", "it is empty")]
    [TestCase("50", "50 has no unit")]
    [TestCase("1.5", "1.5 has no unit")]
    [TestCase("1m30", "30 has no unit")]
    [TestCase("50x", "'x' is not a unit")]
    [TestCase("5sec", "'sec' is not a unit")]
    [TestCase("2S", "'S' is not a unit")]
    [TestCase("1M", "'M' is not a unit")]
    [TestCase("1µs", "'µs' is not a unit")]
    [TestCase("2 s", "' s' is not a unit")]
    [TestCase("00:00:02", "':' is not a unit")]
    [TestCase("s", "'s' does not start with a number")]
    [TestCase("-5s", "'-5s' does not start with a number")]
    [TestCase("+5s", "'+5s' does not start with a number")]
    [TestCase(".5s", "'.5' is not a number")]
    [TestCase("5.s", "'5.' is not a number")]
    [TestCase("1.2.3s", "'1.2.3' is not a number")]
    [TestCase("30s1m", "'m' comes after 's', and the larger unit goes first")]
    [TestCase("500ms2s", "'s' comes after 'ms', and the larger unit goes first")]
    [TestCase("1s2s", "'s' is given twice")]
    [TestCase("10675200d", "it is longer than the longest duration, 10675199 days")]
    [TestCase("99999999999999999999999h", "it is longer than the longest duration, 10675199 days")]
    [TestCase("1000000000000000000000000000000000000s", "it is longer than the longest duration, 10675199 days")]
    public void Anything_else_is_refused_with_one_message_naming_the_parameter_why_and_the_accepted_forms(string text, string why)
    {
        var exception = Assert.Throws<InvalidDurationException>(() => Duration.Parse(text, Parameter))!;

        Assert.Multiple(() =>
        {
            Assert.That(exception.Message, Is.EqualTo(
                $"--rollout-timeout got '{text}', which is not a duration: {why}. " +
                "Write a number with a unit (ms, s, m, h or d), like 50ms, 2s, 1.5m or 1h30m."));
            Assert.That(exception.ParameterName, Is.EqualTo(Parameter));
            Assert.That(exception.Value, Is.EqualTo(text));
            Assert.That(exception, Is.InstanceOf<FormatException>());
            Assert.That(Duration.TryParse(text, out _), Is.False);
        });
    }

    [Test]
    public void No_value_is_refused_like_an_empty_one()
    {
        var exception = Assert.Throws<InvalidDurationException>(() => Duration.Parse(null, "--prune-older-than"))!;

        Assert.That(exception.Message, Does.StartWith("--prune-older-than got '', which is not a duration: it is empty."));
        Assert.That(Duration.TryParse(null, out _), Is.False);
    }

    [TestCase("")]
    [TestCase(" ")]
    public void The_parameter_name_is_required(string parameterName)
    {
        Assert.Throws<ArgumentException>(() => Duration.Parse("1s", parameterName));
    }
}
