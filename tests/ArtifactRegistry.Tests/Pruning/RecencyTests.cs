using ArtifactRegistry.Pruning;
using static ArtifactRegistry.Tests.Pruning.Versions;

namespace ArtifactRegistry.Tests.Pruning;

public sealed class RecencyTests
{
    private static readonly DateTimeOffset Epoch1970 = DateTimeOffset.UnixEpoch;
    private static readonly DateTimeOffset ZipEpoch1980 = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Uploaded = new(2030, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void The_upload_time_decides_even_when_the_build_time_is_a_reproducible_builders_placeholder()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Recency.Of(Uploaded, Epoch1970), Is.EqualTo(Uploaded));
            Assert.That(Recency.Of(Uploaded, ZipEpoch1980), Is.EqualTo(Uploaded));
            Assert.That(Recency.Of(Uploaded, Uploaded.AddYears(-1)), Is.EqualTo(Uploaded), "a re-push of an old build is as new as its upload");
        });
    }

    [Test]
    public void Without_an_upload_time_a_real_build_time_is_used_and_a_placeholder_is_not()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Recency.Of(null, Uploaded), Is.EqualTo(Uploaded));
            Assert.That(Recency.Of(Epoch1970, Uploaded), Is.EqualTo(Uploaded));
            Assert.That(Recency.Of(null, ZipEpoch1980), Is.Null);
            Assert.That(Recency.Of(null, null), Is.Null);
        });
    }

    [Test]
    public void A_version_of_unknown_age_is_kept_and_says_why()
    {
        var unknown = Version("unknown", 0) with { UploadTime = null, BuildTime = Epoch1970 };

        var plan = Plan(new PrunePolicy { OlderThan = TimeSpan.FromDays(1) }, unknown);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Of("unknown").Reason, Is.EqualTo(PruneReason.AgeUnknown));
            Assert.That(plan.Of("unknown").Age, Is.Null);
        });
    }

    [Test]
    public void Keep_most_recent_orders_by_upload_time_when_every_build_time_is_1980()
    {
        var plan = Plan(new PrunePolicy { KeepMostRecent = 1 }, Version("older-upload", 5), Version("newer-upload", 2));

        Assert.That(plan.Of("newer-upload").Reason, Is.EqualTo(PruneReason.MostRecent));
    }
}
