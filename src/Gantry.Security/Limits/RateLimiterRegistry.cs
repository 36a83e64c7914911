using System.Collections.Concurrent;
using Gantry.Security.Keys;

namespace Gantry.Security.Limits;

/// <summary>The live <see cref="KeyLimiter"/> of every key seen since start, created on first use from the key's limits.</summary>
public sealed class RateLimiterRegistry(TimeProvider time, IQuotaUsageSource? history = null) : IDisposable
{
    private readonly ConcurrentDictionary<KeyId, KeyLimiter> _limiters = new();

    public QuotaLedger Quota { get; } = new(time, history);

    public KeyLimiter For(KeyRecord key) => _limiters.GetOrAdd(key.Id, static (id, s) => new KeyLimiter(id, s.key.Tenant.Limits, s.quota, s.time), (key, quota: Quota, time));

    public void Dispose()
    {
        foreach (var l in _limiters.Values) l.Dispose();
    }
}
