using ArtifactRegistry.Auth;
using ArtifactRegistry.Iam;
using ArtifactRegistry.Tests.TestServers;

namespace ArtifactRegistry.Tests.Auth;

public class AccessTokenTests
{
    private static readonly DateTimeOffset Noon = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_token_never_shows_its_value_when_printed()
    {
        var token = new AccessToken("ya29.secret-value", Noon, Noon.AddHours(1));

        Assert.That(token.ToString(), Does.Not.Contain("secret").And.Contain("[REDACTED]"));
        Assert.That($"{token}", Does.Not.Contain("ya29"));
    }

    [TestCase(47, false)]
    [TestCase(48, false)]
    [TestCase(49, true)]
    public void A_one_hour_token_is_due_for_refresh_once_less_than_a_fifth_remains(int minutesLater, bool due)
    {
        var token = new AccessToken("t", Noon, Noon.AddHours(1));

        Assert.That(token.IsDueForRefresh(Noon.AddMinutes(minutesLater)), Is.EqualTo(due));
    }

    [Test]
    public void A_ten_minute_federation_token_is_due_after_eight_minutes()
    {
        var token = new AccessToken("t", Noon, Noon.AddMinutes(10));

        Assert.That(token.IsDueForRefresh(Noon.AddMinutes(7.9)), Is.False);
        Assert.That(token.IsDueForRefresh(Noon.AddMinutes(8.1)), Is.True);
    }

    [Test]
    public async Task Concurrent_callers_share_one_fetch()
    {
        var clock = new ManualTimeProvider(Noon);
        var fetches = 0;
        var source = new RefreshingAccessTokenSource("test", GooglePrincipal.Unknown("test"), async _ =>
        {
            Interlocked.Increment(ref fetches);
            await Task.Delay(50);
            return new AccessToken("t", clock.GetUtcNow(), clock.GetUtcNow().AddHours(1));
        }, clock);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => source.GetAccessTokenAsync()));

        Assert.That(fetches, Is.EqualTo(1));
    }
}
