using System.Threading.RateLimiting;
using Gantry.Security.Keys;

namespace Gantry.Security.Limits;

/// <summary>
/// One key's live limits: requests per minute and tokens per minute (<see cref="TokenBucket"/>s on the injected clock),
/// concurrent requests (a <see cref="ConcurrencyLimiter"/> with no queue), and the shared <see cref="QuotaLedger"/>.
/// <see cref="Admit"/> asks every limit and takes from all or none; <see cref="Complete"/> corrects the token
/// reservation to the real use and frees the slot. Thread-safe.
/// </summary>
public sealed class KeyLimiter : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly KeyId _key;
    private readonly TenantLimits _limits;
    private readonly QuotaLedger _quota;
    private readonly TokenBucket? _requests;
    private readonly TokenBucket? _tokens;
    private readonly ConcurrencyLimiter? _concurrency;

    public KeyLimiter(KeyId key, TenantLimits limits, QuotaLedger quota, TimeProvider time)
    {
        _key = key;
        _limits = limits;
        _quota = quota;
        if (limits.RequestsPerMinute is { } rpm) _requests = new TokenBucket(rpm, Minute, time);
        if (limits.TokensPerMinute is { } tpm) _tokens = new TokenBucket(tpm, Minute, time);
        if (limits.MaxConcurrent is { } mc)
            _concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = mc, QueueLimit = 0 });
    }

    /// <summary>Admits a request that may use up to <paramref name="reserveTokens"/> (prompt + max_tokens × choices).</summary>
    public Admission Admit(long reserveTokens)
    {
        RateLimitLease? slot = null;
        if (_concurrency is not null)
        {
            slot = _concurrency.AttemptAcquire();
            if (!slot.IsAcquired)
            {
                slot.Dispose();
                return Refuse(LimitKind.Concurrency, TimeSpan.FromSeconds(1));
            }
        }
        var retry = TimeSpan.Zero;
        if (_requests is not null && !_requests.TryTake(1, out retry))
        {
            slot?.Dispose();
            return Refuse(LimitKind.Requests, retry);
        }
        if (_tokens is not null && !_tokens.TryTake(reserveTokens, out retry))
        {
            _requests?.Adjust(-1);
            slot?.Dispose();
            return Refuse(LimitKind.Tokens, retry);
        }
        var quota = _quota.TryReserve(_key, _limits, reserveTokens, out retry);
        if (quota != LimitKind.None)
        {
            _requests?.Adjust(-1);
            _tokens?.Adjust(-reserveTokens);
            slot?.Dispose();
            return Refuse(quota, retry);
        }
        return new Admission(LimitKind.None, TimeSpan.Zero, reserveTokens, Snapshot(), slot);
    }

    /// <summary>Corrects the reservation to <paramref name="usedTokens"/> and frees the slot. Safe to call twice.</summary>
    public void Complete(Admission admission, long usedTokens)
    {
        if (!admission.Admitted || Interlocked.Exchange(ref admission.Completed, 1) != 0) return;
        var delta = usedTokens - admission.ReservedTokens;
        _tokens?.Adjust(delta);
        _quota.Adjust(_key, delta);
        admission.Slot?.Dispose();
    }

    public RateLimitSnapshot Snapshot() => new(
        _requests?.Capacity, _requests?.Remaining ?? 0, _requests?.UntilFull ?? TimeSpan.Zero,
        _tokens?.Capacity, _tokens?.Remaining ?? 0, _tokens?.UntilFull ?? TimeSpan.Zero);

    private Admission Refuse(LimitKind kind, TimeSpan retryAfter) => new(kind, retryAfter, 0, Snapshot(), null);

    public void Dispose() => _concurrency?.Dispose();
}
