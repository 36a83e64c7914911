namespace Gantry.Engine.Constraints;

/// <summary>
/// How long constrained sampling spent masking, per token: the most recent <see cref="Capacity"/> durations, for
/// percentiles (<c>constrained_mask_seconds_p99</c> in <c>gantry bench --json</c>). Written by the engine-loop
/// thread, read by any; a short lock guards the ring.
/// </summary>
public sealed class MaskTimings
{
    public const int Capacity = 1 << 16;

    private readonly long[] _ticks = new long[Capacity];
    private readonly Lock _lock = new();
    private long _count;

    /// <summary>Masks timed since creation.</summary>
    public long Count
    {
        get
        {
            lock (_lock) return _count;
        }
    }

    public void Record(long stopwatchTicks)
    {
        lock (_lock) _ticks[_count++ % Capacity] = stopwatchTicks;
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of the recorded durations in seconds; 0 when none.</summary>
    public double Seconds(double quantile)
    {
        long[] copy;
        lock (_lock) copy = _ticks[..(int)Math.Min(_count, Capacity)];
        if (copy.Length == 0) return 0;
        Array.Sort(copy);
        var index = (int)Math.Clamp(Math.Ceiling(quantile * copy.Length) - 1, 0, copy.Length - 1);
        return copy[index] / (double)System.Diagnostics.Stopwatch.Frequency;
    }

    public void Clear()
    {
        lock (_lock) _count = 0;
    }
}
