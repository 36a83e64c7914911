namespace Gantry.Security.Limits;

/// <summary>
/// The outcome of asking a key's limits to admit one request. Admitted: it holds the reservation (tokens and a
/// concurrency slot) until <see cref="KeyLimiter.Complete"/>. Refused: which limit, and how long to wait.
/// </summary>
public sealed class Admission
{
    internal Admission(LimitKind refusedBy, TimeSpan retryAfter, long reservedTokens, RateLimitSnapshot snapshot,
        System.Threading.RateLimiting.RateLimitLease? slot)
    {
        RefusedBy = refusedBy;
        RetryAfter = retryAfter;
        ReservedTokens = reservedTokens;
        Snapshot = snapshot;
        Slot = slot;
    }

    public bool Admitted => RefusedBy == LimitKind.None;
    public LimitKind RefusedBy { get; }
    public TimeSpan RetryAfter { get; }
    public long ReservedTokens { get; }
    public RateLimitSnapshot Snapshot { get; }
    internal System.Threading.RateLimiting.RateLimitLease? Slot { get; }
    internal int Completed;

    /// <summary>Whole seconds for <c>Retry-After</c>, at least 1.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}
