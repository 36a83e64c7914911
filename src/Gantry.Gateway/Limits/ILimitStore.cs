using Gantry.Security.Keys;
using Gantry.Security.Limits;

namespace Gantry.Gateway.Limits;

/// <summary>
/// Where a key's fleet-wide limits are counted: requests and tokens per minute, requests in flight, and the daily and
/// monthly token quotas of its tenant (<see cref="TenantLimits"/>). <see cref="MemoryLimitStore"/> counts in this
/// process (one gateway); <see cref="RedisLimitStore"/> counts in Redis, so every gateway sharing it enforces one limit.
/// </summary>
public interface ILimitStore : IAsyncDisposable
{
    /// <summary>Admits a request of <paramref name="key"/> that may use up to <paramref name="reserveTokens"/>, or says which
    /// limit refused it and how long to wait. Throws <see cref="LimitStoreUnavailableException"/> when the store cannot be reached.</summary>
    ValueTask<LimitGrant> AdmitAsync(KeyRecord key, long reserveTokens, CancellationToken ct);

    /// <summary>Ends the request: frees its concurrency slot and corrects its token reservation to
    /// <paramref name="usedTokens"/> (refunding or charging the difference in the tokens-per-minute bucket and the
    /// quotas); null keeps the reservation as the use. Safe to call for a refused grant.</summary>
    ValueTask ReleaseAsync(LimitGrant grant, long? usedTokens);
}

/// <summary>One admission's outcome, and what <see cref="ILimitStore.ReleaseAsync"/> needs to end it.</summary>
public sealed record LimitGrant(LimitKind RefusedBy, TimeSpan RetryAfter)
{
    public bool Admitted => RefusedBy == LimitKind.None;

    /// <summary>Whole seconds for <c>Retry-After</c>, at least 1.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    /// <summary>The store's handle on the admission (a lease id, or the in-memory admission).</summary>
    internal object? Handle { get; init; }

    internal KeyId? Key { get; init; }

    /// <summary>The tokens reserved at admission (what <see cref="ILimitStore.ReleaseAsync"/> corrects).</summary>
    public long ReservedTokens { get; init; }
}

/// <summary>The shared store (Redis) could not be asked; the gateway then fails open or closed (<c>--redis-failure</c>).</summary>
public sealed class LimitStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
