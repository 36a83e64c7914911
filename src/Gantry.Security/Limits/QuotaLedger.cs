using System.Collections.Concurrent;
using Gantry.Security.Keys;

namespace Gantry.Security.Limits;

/// <summary>
/// Token quotas per key per UTC day and UTC month. A request reserves its worst case (prompt + max_tokens) on admission
/// and is corrected to its real use on completion, so concurrent requests cannot overshoot a quota together. A key's
/// counters start from <see cref="IQuotaUsageSource"/> (the audit log) the first time the key is seen after a start and
/// roll over when the period changes.
/// </summary>
public sealed class QuotaLedger(TimeProvider time, IQuotaUsageSource? history = null)
{
    private readonly ConcurrentDictionary<KeyId, Entry> _entries = new();

    /// <summary>Reserves <paramref name="tokens"/> against both quotas, or neither.</summary>
    public LimitKind TryReserve(KeyId key, TenantLimits limits, long tokens, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limits.TokensPerDay is null && limits.TokensPerMonth is null) return LimitKind.None;
        var now = time.GetUtcNow();
        var e = _entries.GetOrAdd(key, k => new Entry(k));
        lock (e)
        {
            e.Roll(now, history);
            if (limits.TokensPerDay is { } day && e.DayUsed + tokens > day)
            {
                retryAfter = e.DayStart.AddDays(1) - now;
                return LimitKind.DailyQuota;
            }
            if (limits.TokensPerMonth is { } month && e.MonthUsed + tokens > month)
            {
                retryAfter = e.MonthStart.AddMonths(1) - now;
                return LimitKind.MonthlyQuota;
            }
            e.DayUsed += tokens;
            e.MonthUsed += tokens;
            return LimitKind.None;
        }
    }

    /// <summary>Corrects a reservation by the difference between real and reserved use.</summary>
    public void Adjust(KeyId key, long delta)
    {
        if (!_entries.TryGetValue(key, out var e)) return;
        lock (e)
        {
            e.Roll(time.GetUtcNow(), history);
            e.DayUsed = Math.Max(0, e.DayUsed + delta);
            e.MonthUsed = Math.Max(0, e.MonthUsed + delta);
        }
    }

    public (long Day, long Month) Used(KeyId key)
    {
        if (!_entries.TryGetValue(key, out var e)) return (0, 0);
        lock (e) return (e.DayUsed, e.MonthUsed);
    }

    private sealed class Entry(KeyId key)
    {
        public DateTimeOffset DayStart = DateTimeOffset.MinValue;
        public DateTimeOffset MonthStart = DateTimeOffset.MinValue;
        public long DayUsed;
        public long MonthUsed;

        public void Roll(DateTimeOffset now, IQuotaUsageSource? history)
        {
            var utc = now.UtcDateTime;
            var day = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
            var month = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
            var first = DayStart == DateTimeOffset.MinValue;
            if (day != DayStart)
            {
                DayStart = day;
                DayUsed = first && history is not null ? history.TokensSince(key, day) : 0;
            }
            if (month != MonthStart)
            {
                MonthStart = month;
                MonthUsed = first && history is not null ? history.TokensSince(key, month) : 0;
            }
        }
    }
}
