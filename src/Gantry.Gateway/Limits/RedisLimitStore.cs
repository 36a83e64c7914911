using System.Globalization;
using Gantry.Security.Keys;
using Gantry.Security.Limits;
using StackExchange.Redis;

namespace Gantry.Gateway.Limits;

/// <summary>
/// The limits counted in Redis (<c>--redis CONN</c>), so they hold across every gateway that shares it. One Lua script
/// per admission checks and takes from all of a key's limits atomically on Redis' clock (<c>TIME</c>), so gateways whose
/// clocks differ still agree: requests and tokens per minute are token buckets (a hash of level and stamp, refilled
/// continuously like <see cref="TokenBucket"/>), requests in flight a sorted set of leases scored by their expiry (a
/// gateway that dies without releasing frees its slots when they expire), and quotas counters per UTC day and month.
/// All of one key's entries share a hash tag, so a Redis Cluster keeps them on one shard. Commands fail fast while the
/// connection is down (no backlog) and the multiplexer reconnects by itself, so a Redis restart costs only the requests
/// that arrive while it is away (failed open or closed by the caller); counters restart from Redis' persisted state.
/// </summary>
public sealed class RedisLimitStore : ILimitStore
{
    private const string AdmitScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local rpm, tpm, conc = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        local tokens, lease, leaseMs = tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
        local day, month, dayS, monthS = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
        local function level(key, cap)
          local v = redis.call('HMGET', key, 'l', 's')
          local l = tonumber(v[1]) or cap
          local s = tonumber(v[2]) or now
          return math.min(cap, l + math.max(0, now - s) * cap / 60000.0)
        end
        if conc > 0 then
          redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
          if redis.call('ZCARD', KEYS[3]) >= conc then return {3, 1000} end
        end
        local rl, tl = 0, 0
        if rpm > 0 then
          rl = level(KEYS[1], rpm)
          if rl < 1 then return {1, math.ceil((1 - rl) * 60000.0 / rpm)} end
        end
        if tpm > 0 then
          tl = level(KEYS[2], tpm)
          local need = math.min(tokens, tpm)
          if tl < need then return {2, math.ceil((need - tl) * 60000.0 / tpm)} end
        end
        if day > 0 and tonumber(redis.call('GET', KEYS[4]) or '0') + tokens > day then return {4, 0} end
        if month > 0 and tonumber(redis.call('GET', KEYS[5]) or '0') + tokens > month then return {5, 0} end
        if conc > 0 then
          redis.call('ZADD', KEYS[3], now + leaseMs, lease)
          redis.call('PEXPIRE', KEYS[3], leaseMs)
        end
        if rpm > 0 then
          redis.call('HSET', KEYS[1], 'l', tostring(rl - 1), 's', tostring(now))
          redis.call('PEXPIRE', KEYS[1], 120000)
        end
        if tpm > 0 then
          redis.call('HSET', KEYS[2], 'l', tostring(tl - tokens), 's', tostring(now))
          redis.call('PEXPIRE', KEYS[2], 120000)
        end
        if day > 0 then
          redis.call('INCRBY', KEYS[4], tokens)
          redis.call('EXPIRE', KEYS[4], dayS)
        end
        if month > 0 then
          redis.call('INCRBY', KEYS[5], tokens)
          redis.call('EXPIRE', KEYS[5], monthS)
        end
        return {0, 0}
        """;

    /// <summary>
    /// Ends an admission: frees its lease (KEYS[1], ARGV[1]; empty when the key has no concurrency limit) and corrects
    /// the tokens it reserved by ARGV[2] (used − reserved): given back to (or taken from, into debt) the tokens-per-minute
    /// bucket KEYS[2] when ARGV[3] (its capacity) is set, refilled to now first as at admission, and added to the day
    /// and month counters KEYS[3..4] when ARGV[4..5] say those quotas exist. Keys that expired meanwhile stay absent.
    /// </summary>
    private const string EndScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        if ARGV[1] ~= '' then redis.call('ZREM', KEYS[1], ARGV[1]) end
        local delta, tpm = tonumber(ARGV[2]), tonumber(ARGV[3])
        if delta == 0 then return 0 end
        if tpm > 0 and redis.call('EXISTS', KEYS[2]) == 1 then
          local v = redis.call('HMGET', KEYS[2], 'l', 's')
          local l = tonumber(v[1]) or tpm
          local s = tonumber(v[2]) or now
          l = math.min(tpm, l + math.max(0, now - s) * tpm / 60000.0)
          redis.call('HSET', KEYS[2], 'l', tostring(math.min(tpm, l - delta)), 's', tostring(now))
          redis.call('PEXPIRE', KEYS[2], 120000)
        end
        if ARGV[4] == '1' and redis.call('EXISTS', KEYS[3]) == 1 then redis.call('INCRBY', KEYS[3], delta) end
        if ARGV[5] == '1' and redis.call('EXISTS', KEYS[4]) == 1 then redis.call('INCRBY', KEYS[4], delta) end
        return 0
        """;

    /// <summary>What ending an admission needs: its lease (null without a concurrency limit), its keys and which limits it took from.</summary>
    private sealed record Admitted(string? Lease, RedisKey[] Keys, long TokensPerMinute, bool Day, bool Month);

    /// <summary>How long a lease on a concurrency slot lives when its gateway never releases it (the gateway died).</summary>
    public static readonly TimeSpan DefaultLeaseTime = TimeSpan.FromMinutes(10);

    private readonly ConnectionMultiplexer _redis;
    private readonly TimeProvider _time;

    private RedisLimitStore(ConnectionMultiplexer redis, TimeProvider time)
    {
        _redis = redis;
        _time = time;
    }

    /// <summary>Connects (without waiting for Redis to be up: the multiplexer keeps trying in the background).</summary>
    public static RedisLimitStore Connect(string configuration, TimeProvider? time = null)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 2000;
        options.AsyncTimeout = 2000;
        options.SyncTimeout = 2000;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.ClientName ??= "gantry-gateway";
        return new RedisLimitStore(ConnectionMultiplexer.Connect(options), time ?? TimeProvider.System);
    }

    public bool IsConnected => _redis.IsConnected;

    public async ValueTask<LimitGrant> AdmitAsync(KeyRecord key, long reserveTokens, CancellationToken ct)
    {
        var l = key.Tenant.Limits;
        var now = _time.GetUtcNow().UtcDateTime;
        var prefix = $"gantry:limit:{{{key.Id.Value}}}:";
        var dayStart = now.Date;
        var monthStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var lease = Guid.NewGuid().ToString("N");
        var leaseTime = l.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s + 60) : DefaultLeaseTime;
        RedisKey[] keys =
        [
            prefix + "rpm", prefix + "tpm", prefix + "inflight",
            prefix + "day:" + dayStart.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            prefix + "month:" + monthStart.ToString("yyyyMM", CultureInfo.InvariantCulture),
        ];
        RedisValue[] args =
        [
            l.RequestsPerMinute ?? 0, l.TokensPerMinute ?? 0, l.MaxConcurrent ?? 0, reserveTokens, lease, (long)leaseTime.TotalMilliseconds,
            l.TokensPerDay ?? 0, l.TokensPerMonth ?? 0, (long)TimeSpan.FromDays(2).TotalSeconds, (long)TimeSpan.FromDays(32).TotalSeconds,
        ];
        RedisResult result;
        try
        {
            result = await _redis.GetDatabase().ScriptEvaluateAsync(AdmitScript, keys, args).WaitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new LimitStoreUnavailableException($"Redis: {e.Message}", e);
        }
        var reply = (RedisResult[])result!;
        var kind = (LimitKind)(int)reply[0];
        var retry = kind switch
        {
            LimitKind.DailyQuota => dayStart.AddDays(1) - now,
            LimitKind.MonthlyQuota => monthStart.AddMonths(1) - now,
            _ => TimeSpan.FromMilliseconds((long)reply[1]),
        };
        var handle = kind != LimitKind.None ? null
            : new Admitted(l.MaxConcurrent is null ? null : lease, [keys[2], keys[1], keys[3], keys[4]], l.TokensPerMinute ?? 0, l.TokensPerDay is > 0, l.TokensPerMonth is > 0);
        return new LimitGrant(kind, retry) { Handle = handle, Key = key.Id, ReservedTokens = reserveTokens };
    }

    public async ValueTask ReleaseAsync(LimitGrant grant, long? usedTokens)
    {
        if (grant is not { Admitted: true, Handle: Admitted a }) return;
        var delta = usedTokens is { } used ? used - grant.ReservedTokens : 0;
        if (a.Lease is null && (delta == 0 || (a.TokensPerMinute == 0 && !a.Day && !a.Month))) return; // nothing to end
        try
        {
            await _redis.GetDatabase().ScriptEvaluateAsync(EndScript, a.Keys,
                [a.Lease ?? "", delta, a.TokensPerMinute, a.Day ? "1" : "0", a.Month ? "1" : "0"]).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The lease expires by itself (until then the slot stays taken); the reservation stands as the use.
            throw new LimitStoreUnavailableException($"Redis: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync().ConfigureAwait(false);
}
