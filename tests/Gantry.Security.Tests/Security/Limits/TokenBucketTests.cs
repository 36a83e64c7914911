using Gantry.Security.Limits;

namespace Gantry.Security.Tests.Security.Limits;

public sealed class TokenBucketTests
{
    [Fact]
    public void TryTake_Empty_RefusesWithTimeUntilEnough()
    {
        var clock = new ManualTimeProvider();
        var bucket = new TokenBucket(60, TimeSpan.FromMinutes(1), clock);
        Assert.True(bucket.TryTake(60, out _));
        Assert.False(bucket.TryTake(2, out var retry));
        Assert.Equal(TimeSpan.FromSeconds(2), retry);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(bucket.TryTake(2, out _));
        Assert.Equal(0, bucket.Remaining);
    }

    [Fact]
    public void Adjust_RefundAndDebt_CorrectLevel()
    {
        var clock = new ManualTimeProvider();
        var bucket = new TokenBucket(100, TimeSpan.FromMinutes(1), clock);
        Assert.True(bucket.TryTake(80, out _));
        bucket.Adjust(-50); // used 30 of the 80 reserved
        Assert.Equal(70, bucket.Remaining);
        bucket.Adjust(-1000); // refunds never exceed capacity
        Assert.Equal(100, bucket.Remaining);
        bucket.Adjust(150); // used more than reserved: debt
        Assert.Equal(0, bucket.Remaining);
        Assert.False(bucket.TryTake(1, out var retry));
        Assert.Equal(30.6, retry.TotalSeconds, 3);
    }

    [Fact]
    public void TryTake_AboveCapacity_WaitsForFullBucket()
    {
        var clock = new ManualTimeProvider();
        var bucket = new TokenBucket(10, TimeSpan.FromMinutes(1), clock);
        Assert.True(bucket.TryTake(25, out _));
        Assert.False(bucket.TryTake(25, out var retry));
        Assert.Equal(150, retry.TotalSeconds, 3);
    }

    [Fact]
    public void Headers_UseOpenAiNamesAndDurations()
    {
        var s = new RateLimitSnapshot(60, 59, TimeSpan.FromSeconds(1), 1000, 0, TimeSpan.FromSeconds(361));
        var h = s.Headers().ToDictionary();
        Assert.Equal("60", h["x-ratelimit-limit-requests"]);
        Assert.Equal("59", h["x-ratelimit-remaining-requests"]);
        Assert.Equal("1s", h["x-ratelimit-reset-requests"]);
        Assert.Equal("1000", h["x-ratelimit-limit-tokens"]);
        Assert.Equal("0", h["x-ratelimit-remaining-tokens"]);
        Assert.Equal("6m1s", h["x-ratelimit-reset-tokens"]);
        Assert.Equal("250ms", RateLimitSnapshot.FormatDuration(TimeSpan.FromMilliseconds(250)));
        Assert.Empty(RateLimitSnapshot.Unlimited.Headers());
    }
}
