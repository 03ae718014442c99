using ArtifactRegistry.Deploying;

namespace ArtifactRegistry.Tests.Deploying;

public sealed class DurationsTests
{
    [TestCase("90s", 90)]
    [TestCase("10m", 600)]
    [TestCase("1h30m", 5400)]
    [TestCase("1.5m", 90)]
    [TestCase("45", 45)]
    [TestCase("00:10:00", 600)]
    public void Durations_are_read_as_people_write_them(string text, int seconds) =>
        Assert.That(Durations.Parse(text), Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [TestCase("")]
    [TestCase("ten minutes")]
    [TestCase("10x")]
    [TestCase("0s")]
    public void Anything_else_is_refused_with_the_accepted_forms(string text) =>
        Assert.That(() => Durations.Parse(text), Throws.TypeOf<FormatException>().With.Message.Contains("write e.g. 90s, 10m, 1h30m or 00:10:00"));
}
