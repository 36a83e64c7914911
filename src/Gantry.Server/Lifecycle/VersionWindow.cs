namespace Gantry.Server.Lifecycle;

/// <summary>
/// What one version did over a sliding window: requests, failures, requests a guardrail blocked, the 99th percentile
/// time to first token, and the feedback its requests got (how many, mean score).
/// </summary>
public readonly record struct WindowStats(int Requests, int Errors, double TtftP99Ms, int Blocked = 0, int Feedback = 0, double FeedbackMean = 0)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    public double BlockRate => Requests == 0 ? 0 : (double)Blocked / Requests;
}

/// <summary>
/// The outcomes of one version's requests over a sliding window of time (a bounded ring, newest last), and the
/// feedback scores given to them (a second ring, by the time the feedback came), for the rollout objectives. Recorded
/// once per finished request or feedback, read by the rollout checks. Thread-safe (one short lock).
/// </summary>
public sealed class VersionWindow(int capacity = 4096)
{
    private readonly (long Time, bool Ok, double TtftMs, bool Blocked)[] _ring = new (long, bool, double, bool)[capacity];
    private readonly (long Time, double Score)[] _feedback = new (long, double)[capacity];
    private int _next;
    private int _count;
    private int _feedbackNext;
    private int _feedbackCount;

    /// <param name="ttftMs">Time to first token; negative when the request produced none.</param>
    /// <param name="blocked">A guardrail blocked the request (its input or its output).</param>
    public void Record(long timeMs, bool ok, double ttftMs, bool blocked = false)
    {
        lock (_ring)
        {
            _ring[_next] = (timeMs, ok, ttftMs, blocked);
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
        }
    }

    /// <summary>A feedback score given at <paramref name="timeMs"/> to one of this version's requests.</summary>
    public void RecordFeedback(long timeMs, double score)
    {
        lock (_ring)
        {
            _feedback[_feedbackNext] = (timeMs, score);
            _feedbackNext = (_feedbackNext + 1) % _feedback.Length;
            _feedbackCount = Math.Min(_feedbackCount + 1, _feedback.Length);
        }
    }

    /// <summary>The outcomes and feedback recorded since <paramref name="sinceMs"/>.</summary>
    public WindowStats Since(long sinceMs)
    {
        var ttfts = new List<double>();
        int requests = 0, errors = 0, blocked = 0, feedback = 0;
        double scoreSum = 0;
        lock (_ring)
        {
            for (var i = 0; i < _count; i++)
            {
                var (time, ok, ttft, block) = _ring[(_next - 1 - i + _ring.Length) % _ring.Length];
                if (time < sinceMs) break;
                requests++;
                if (!ok) errors++;
                if (block) blocked++;
                if (ttft >= 0) ttfts.Add(ttft);
            }
            for (var i = 0; i < _feedbackCount; i++)
            {
                var (time, score) = _feedback[(_feedbackNext - 1 - i + _feedback.Length) % _feedback.Length];
                if (time < sinceMs) break;
                feedback++;
                scoreSum += score;
            }
        }
        var mean = feedback == 0 ? 0 : scoreSum / feedback;
        if (ttfts.Count == 0) return new WindowStats(requests, errors, 0, blocked, feedback, mean);
        ttfts.Sort();
        return new WindowStats(requests, errors, ttfts[Math.Min(ttfts.Count - 1, (int)Math.Ceiling(ttfts.Count * 0.99) - 1)], blocked, feedback, mean);
    }
}
