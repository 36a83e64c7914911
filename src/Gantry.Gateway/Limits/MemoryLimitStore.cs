using Gantry.Security.Keys;
using Gantry.Security.Limits;

namespace Gantry.Gateway.Limits;

/// <summary>
/// The limits counted in this gateway's memory (no <c>--redis</c>): the security layer's own <see cref="KeyLimiter"/>s,
/// exactly as a replica counts them. Holds across the replicas behind this gateway, not across gateways.
/// </summary>
public sealed class MemoryLimitStore(TimeProvider time) : ILimitStore
{
    private readonly RateLimiterRegistry _limiters = new(time);

    public ValueTask<LimitGrant> AdmitAsync(KeyRecord key, long reserveTokens, CancellationToken ct)
    {
        var limiter = _limiters.For(key);
        var admission = limiter.Admit(reserveTokens);
        return ValueTask.FromResult(new LimitGrant(admission.RefusedBy, admission.RetryAfter) { Handle = (limiter, admission), Key = key.Id, ReservedTokens = admission.ReservedTokens });
    }

    public ValueTask ReleaseAsync(LimitGrant grant, long? usedTokens)
    {
        if (grant is { Admitted: true, Handle: (KeyLimiter limiter, Admission admission) })
            limiter.Complete(admission, usedTokens ?? admission.ReservedTokens);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _limiters.Dispose();
        return ValueTask.CompletedTask;
    }
}
