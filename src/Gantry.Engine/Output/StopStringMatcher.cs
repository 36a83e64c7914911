namespace Gantry.Engine.Output;

/// <summary>
/// Finds stop strings in streamed text. Text that could still become the start of a stop string is held back,
/// so a stop string split across tokens is never partly emitted; on a match the text before it is released and
/// the rest dropped.
/// </summary>
internal sealed class StopStringMatcher(IReadOnlyList<string> stops)
{
    private readonly string[] _stops = stops.Where(s => s.Length > 0).ToArray();
    private string _held = "";

    /// <summary>Adds text; returns what may be emitted now and whether a stop string completed.</summary>
    public (string Emit, bool Stopped) Push(string text)
    {
        if (_stops.Length == 0) return (text, false);
        var buffer = _held + text;
        var first = -1;
        foreach (var stop in _stops)
        {
            var i = buffer.IndexOf(stop, StringComparison.Ordinal);
            if (i >= 0 && (first < 0 || i < first)) first = i;
        }
        if (first >= 0)
        {
            _held = "";
            return (buffer[..first], true);
        }
        var keep = LongestStopPrefixSuffix(buffer);
        _held = buffer[^keep..];
        return (buffer[..^keep], false);
    }

    /// <summary>Releases held-back text at the end of generation.</summary>
    public string Flush()
    {
        var rest = _held;
        _held = "";
        return rest;
    }

    private int LongestStopPrefixSuffix(string buffer)
    {
        var best = 0;
        foreach (var stop in _stops)
        {
            for (var len = Math.Min(stop.Length - 1, buffer.Length); len > best; len--)
            {
                if (buffer.AsSpan(buffer.Length - len).SequenceEqual(stop.AsSpan(0, len)))
                {
                    best = len;
                    break;
                }
            }
        }
        return best;
    }
}
