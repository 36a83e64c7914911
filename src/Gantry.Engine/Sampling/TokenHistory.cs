using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Gantry.Engine.Sampling;

/// <summary>
/// Occurrence counts of the last <c>window</c> accepted tokens of one sequence (prompt included), which
/// is what the penalties need. A ring buffer remembers the order so the oldest token can leave the
/// window; a dictionary keeps the counts, so memory is O(window) rather than O(vocabulary).
/// </summary>
/// <remarks>Owned by the engine-loop thread. Allocation-free once the ring and dictionary reach window size.</remarks>
public sealed class TokenHistory
{
    private const int InitialCapacity = 256;

    private readonly int _window; // -1 = unbounded (no ring needed: nothing ever leaves)
    private readonly Dictionary<int, int> _counts;
    private int[] _ring;  // (capacity) oldest at _start, grows by doubling up to _window
    private int _start;
    private int _size;    // tokens in the window (for an unbounded window: all accepted tokens)

    /// <param name="window">Tokens remembered: &gt; 0, or -1 for all.</param>
    public TokenHistory(int window)
    {
        Debug.Assert(window > 0 || window == -1);
        _window = window;
        int capacity = window > 0 ? Math.Min(window, InitialCapacity) : InitialCapacity;
        _counts = new Dictionary<int, int>(capacity);
        _ring = window > 0 ? new int[capacity] : [];
    }

    /// <summary>Number of tokens currently in the window.</summary>
    public int Count => _size;

    /// <summary>Distinct tokens currently in the window.</summary>
    public int DistinctCount => _counts.Count;

    public void Accept(int tokenId)
    {
        if (_window > 0)
        {
            if (_size == _window)
                Evict();
            else if (_size == _ring.Length)
                Grow();
            _ring[(_start + _size) % _ring.Length] = tokenId;
        }
        _size++;
        CollectionsMarshal.GetValueRefOrAddDefault(_counts, tokenId, out _)++;
    }

    /// <summary>How often <paramref name="tokenId"/> occurs in the window (0 if absent).</summary>
    public int CountOf(int tokenId) => _counts.GetValueOrDefault(tokenId);

    /// <summary>Struct enumerator over (token, count &gt; 0) pairs, so <c>foreach</c> does not allocate.</summary>
    public Dictionary<int, int>.Enumerator GetEnumerator() => _counts.GetEnumerator();

    private void Evict()
    {
        int oldest = _ring[_start];
        _start = (_start + 1) % _ring.Length;
        _size--;
        ref int count = ref CollectionsMarshal.GetValueRefOrNullRef(_counts, oldest);
        Debug.Assert(count > 0);
        if (--count == 0)
            _counts.Remove(oldest);
    }

    private void Grow()
    {
        var bigger = new int[(int)Math.Min((long)_ring.Length * 2, _window)];
        for (int i = 0; i < _size; i++)
            bigger[i] = _ring[(_start + i) % _ring.Length];
        _ring = bigger;
        _start = 0;
    }
}
