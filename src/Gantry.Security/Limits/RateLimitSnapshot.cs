using System.Globalization;

namespace Gantry.Security.Limits;

/// <summary>
/// The numbers behind OpenAI's <c>x-ratelimit-*</c> headers for one key at one moment. Null limits (unlimited) are not sent.
/// </summary>
public sealed record RateLimitSnapshot(long? LimitRequests, long RemainingRequests, TimeSpan ResetRequests,
    long? LimitTokens, long RemainingTokens, TimeSpan ResetTokens)
{
    public static readonly RateLimitSnapshot Unlimited = new(null, 0, TimeSpan.Zero, null, 0, TimeSpan.Zero);

    /// <summary>The header name/value pairs, in OpenAI's names and duration format (<c>1s</c>, <c>6m0s</c>, <c>250ms</c>).</summary>
    public IEnumerable<KeyValuePair<string, string>> Headers()
    {
        if (LimitRequests is { } lr)
        {
            yield return new("x-ratelimit-limit-requests", lr.ToString(CultureInfo.InvariantCulture));
            yield return new("x-ratelimit-remaining-requests", RemainingRequests.ToString(CultureInfo.InvariantCulture));
            yield return new("x-ratelimit-reset-requests", FormatDuration(ResetRequests));
        }
        if (LimitTokens is { } lt)
        {
            yield return new("x-ratelimit-limit-tokens", lt.ToString(CultureInfo.InvariantCulture));
            yield return new("x-ratelimit-remaining-tokens", RemainingTokens.ToString(CultureInfo.InvariantCulture));
            yield return new("x-ratelimit-reset-tokens", FormatDuration(ResetTokens));
        }
    }

    public static string FormatDuration(TimeSpan t)
    {
        if (t <= TimeSpan.Zero) return "0s";
        if (t < TimeSpan.FromSeconds(1)) return $"{Math.Ceiling(t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)}ms";
        if (t < TimeSpan.FromMinutes(1)) return $"{Math.Round(t.TotalSeconds, 3).ToString(CultureInfo.InvariantCulture)}s";
        var minutes = (long)t.TotalMinutes;
        var seconds = Math.Round(t.TotalSeconds - minutes * 60, 3);
        return $"{minutes.ToString(CultureInfo.InvariantCulture)}m{seconds.ToString(CultureInfo.InvariantCulture)}s";
    }
}
