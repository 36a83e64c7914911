namespace Gantry.Server.Drift;

/// <summary>One feature's drift: PSI and KL of the window against the reference, the samples on each side, and whether both sides have enough to judge.</summary>
public readonly record struct FeatureDrift(string Feature, double Psi, double Kl, int Window, int Reference, bool Ready);

/// <summary>
/// The drift state of one model version: per-feature bin counts of its reference (the first
/// <c>referenceSize</c> requests it served, or those after a reset) and of a sliding window of its latest
/// <c>windowSize</c> requests (a ring of samples; the oldest leaves the counts as a new one comes). A feature is judged
/// once the reference is complete and the window is at least half full, with at least
/// <see cref="MinSamples"/> values on each side. Thread-safe (one short lock per request).
/// </summary>
public sealed class VersionDrift
{
    public const int MinSamples = 10;

    private readonly IReadOnlyList<DriftFeature> _features = DriftFeature.All;
    private readonly int _referenceSize;
    private readonly int[][] _reference;
    private readonly int[] _referenceTotals;
    private readonly int[][] _window;
    private readonly int[] _windowTotals;
    private readonly DriftSample[] _ring;
    private readonly bool[] _alerting;
    private int _next;
    private int _count;
    private int _referenceRequests;

    public VersionDrift(int referenceSize, int windowSize)
    {
        _referenceSize = referenceSize;
        _reference = [.. _features.Select(f => new int[f.Bins])];
        _window = [.. _features.Select(f => new int[f.Bins])];
        _referenceTotals = new int[_features.Count];
        _windowTotals = new int[_features.Count];
        _alerting = new bool[_features.Count];
        _ring = new DriftSample[windowSize];
    }

    public int ReferenceRequests { get { lock (_ring) return _referenceRequests; } }

    public int WindowRequests { get { lock (_ring) return _count; } }

    /// <summary>Adds a finished request: to the reference until it is complete, then to the window.</summary>
    public void Record(DriftSample s)
    {
        lock (_ring)
        {
            if (_referenceRequests < _referenceSize)
            {
                _referenceRequests++;
                Count(_reference, _referenceTotals, s, +1);
                return;
            }
            if (_count == _ring.Length) Count(_window, _windowTotals, _ring[_next], -1);
            else _count++;
            _ring[_next] = s;
            _next = (_next + 1) % _ring.Length;
            Count(_window, _windowTotals, s, +1);
        }
    }

    /// <summary>Each feature's PSI and KL now (zero while not <see cref="FeatureDrift.Ready"/>).</summary>
    public FeatureDrift[] Scores()
    {
        var result = new FeatureDrift[_features.Count];
        lock (_ring)
        {
            var judged = _referenceRequests == _referenceSize && _count * 2 >= _ring.Length;
            for (var f = 0; f < _features.Count; f++)
            {
                var ready = judged && _windowTotals[f] >= MinSamples && _referenceTotals[f] >= MinSamples;
                var (psi, kl) = ready ? DriftScore.Compare(_window[f], _windowTotals[f], _reference[f], _referenceTotals[f]) : (0, 0);
                result[f] = new FeatureDrift(_features[f].Name, psi, kl, _windowTotals[f], _referenceTotals[f], ready);
            }
        }
        return result;
    }

    /// <summary>Records whether feature <paramref name="f"/> is over the threshold now; true only when it just crossed it (one alert per excursion).</summary>
    public bool CrossedThreshold(int f, bool over)
    {
        lock (_ring)
        {
            var crossed = over && !_alerting[f];
            _alerting[f] = over;
            return crossed;
        }
    }

    public bool Alerting(int f)
    {
        lock (_ring) return _alerting[f];
    }

    /// <summary>Starts a new reference from the next request (after a deliberate change of traffic, say).</summary>
    public void Reset()
    {
        lock (_ring)
        {
            foreach (var a in _reference.Concat(_window)) Array.Clear(a);
            Array.Clear(_referenceTotals);
            Array.Clear(_windowTotals);
            Array.Clear(_alerting);
            _next = _count = _referenceRequests = 0;
        }
    }

    private void Count(int[][] counts, int[] totals, DriftSample s, int delta)
    {
        for (var f = 0; f < _features.Count; f++)
        {
            var bin = _features[f].Bin(s);
            if (bin < 0) continue;
            counts[f][bin] += delta;
            totals[f] += delta;
        }
    }
}
