namespace Gantry.Server.Lifecycle;

/// <summary>What one version did over a sliding window: requests, failures, and the 99th percentile time to first token.</summary>
public readonly record struct WindowStats(int Requests, int Errors, double TtftP99Ms)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;
}

/// <summary>
/// The outcomes of one version's requests over a sliding window of time (a bounded ring, newest last), for the rollout
/// objectives. Recorded once per finished request, read by the rollout checks. Thread-safe (one short lock).
/// </summary>
public sealed class VersionWindow(int capacity = 4096)
{
    private readonly (long Time, bool Ok, double TtftMs)[] _ring = new (long, bool, double)[capacity];
    private int _next;
    private int _count;

    /// <param name="ttftMs">Time to first token; negative when the request produced none.</param>
    public void Record(long timeMs, bool ok, double ttftMs)
    {
        lock (_ring)
        {
            _ring[_next] = (timeMs, ok, ttftMs);
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
        }
    }

    /// <summary>The outcomes recorded since <paramref name="sinceMs"/>.</summary>
    public WindowStats Since(long sinceMs)
    {
        var ttfts = new List<double>();
        int requests = 0, errors = 0;
        lock (_ring)
        {
            for (var i = 0; i < _count; i++)
            {
                var (time, ok, ttft) = _ring[(_next - 1 - i + _ring.Length) % _ring.Length];
                if (time < sinceMs) break;
                requests++;
                if (!ok) errors++;
                if (ttft >= 0) ttfts.Add(ttft);
            }
        }
        if (ttfts.Count == 0) return new WindowStats(requests, errors, 0);
        ttfts.Sort();
        return new WindowStats(requests, errors, ttfts[Math.Min(ttfts.Count - 1, (int)Math.Ceiling(ttfts.Count * 0.99) - 1)]);
    }
}
