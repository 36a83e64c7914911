using System.Diagnostics;

namespace Gantry.Security.Limits;

/// <summary>
/// A token bucket that refills <see cref="Capacity"/> per <see cref="Window"/> continuously, driven by an injected
/// <see cref="TimeProvider"/>. Unlike System.Threading.RateLimiting's buckets it can give tokens back (a reservation
/// larger than the real use) and take more than it holds (a completion that used more than reserved): the level may go
/// negative, and the debt is paid by refill before the next admission. Thread-safe by one lock per bucket.
/// </summary>
public sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private double _level;
    private long _stamp;

    public TokenBucket(long capacity, TimeSpan window, TimeProvider time)
    {
        Debug.Assert(capacity > 0 && window > TimeSpan.Zero);
        Capacity = capacity;
        Window = window;
        _time = time;
        _level = capacity;
        _stamp = time.GetTimestamp();
    }

    public long Capacity { get; }
    public TimeSpan Window { get; }

    private double PerSecond => Capacity / Window.TotalSeconds;

    /// <summary>Tokens available now (whole tokens, never below zero).</summary>
    public long Remaining
    {
        get { lock (_lock) { Refill(); return (long)Math.Max(0, Math.Floor(_level)); } }
    }

    /// <summary>How long until the bucket is full again.</summary>
    public TimeSpan UntilFull
    {
        get { lock (_lock) { Refill(); return Seconds(Capacity - _level); } }
    }

    /// <summary>
    /// Takes <paramref name="amount"/> if the bucket holds it; otherwise takes nothing and says how long until it would.
    /// An amount above capacity can never fit; it waits for a full bucket and is then admitted alone.
    /// </summary>
    public bool TryTake(long amount, out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            Refill();
            var need = Math.Min(amount, Capacity);
            if (_level >= need)
            {
                _level -= amount;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = Seconds(need - _level);
            return false;
        }
    }

    /// <summary>Corrects an earlier take: a positive delta takes more (possibly into debt), a negative one gives back (up to capacity).</summary>
    public void Adjust(long delta)
    {
        lock (_lock)
        {
            Refill();
            _level = Math.Min(Capacity, _level - delta);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_stamp, now);
        _stamp = now;
        _level = Math.Min(Capacity, _level + elapsed.TotalSeconds * PerSecond);
    }

    private TimeSpan Seconds(double tokens) => tokens <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(tokens / PerSecond);
}
