namespace Gantry.Bench.Fleet;

/// <summary>
/// One simulated replica: a KV cache of <see cref="BlocksTotal"/> blocks whose unreferenced full blocks stay cached (LRU),
/// a FIFO waiting queue, and continuous batching under a token budget (decodes first, then prefill chunks), each step
/// lasting what <see cref="StepCost"/> measured on the real engine. A request reserves its prompt and output blocks when
/// admitted (no preemption), and its cached prefix is not recomputed.
/// </summary>
public sealed class SimReplica(int index, int blocksTotal, StepCost cost)
{
    public const int MaxBatchedTokens = 512;
    public const int MaxNumSeqs = 64;

    private readonly LinkedList<ulong> _lru = new();
    private readonly Dictionary<ulong, LinkedListNode<ulong>> _cached = new();
    private readonly Queue<Seq> _waiting = new();
    private readonly List<Seq> _running = [];

    public int Index { get; } = index;
    public int BlocksTotal { get; } = blocksTotal;
    public int BlocksHeld { get; private set; }
    public bool Busy { get; private set; }
    public int Waiting => _waiting.Count;
    public int Running => _running.Count;
    public double KvUsage => (double)BlocksHeld / BlocksTotal;

    public sealed class Seq(SimRequest r)
    {
        public SimRequest Request { get; } = r;
        public int CachedTokens { get; set; }
        public int PrefillLeft { get; set; }
        public int Generated { get; set; }
        public int Reserved { get; set; }
        public double FirstToken { get; set; } = double.NaN;
    }

    public void Enqueue(SimRequest r) => _waiting.Enqueue(new Seq(r));

    public bool HasWork => _waiting.Count > 0 || _running.Count > 0;

    /// <summary>Runs one step starting at <paramref name="now"/>; returns its duration. Finished sequences go to <paramref name="finished"/> at step end.</summary>
    public double Step(double now, List<Seq> finished, List<Seq> firstTokens)
    {
        Admit();
        var budget = MaxBatchedTokens;
        var decoding = 0;
        var prefill = 0;
        foreach (var s in _running)
            if (s.PrefillLeft == 0) { decoding++; budget--; }
        var chunks = new List<(Seq, int)>();
        foreach (var s in _running)
        {
            if (s.PrefillLeft == 0 || budget <= 0) continue;
            var chunk = Math.Min(budget, s.PrefillLeft);
            chunks.Add((s, chunk));
            budget -= chunk;
            prefill += chunk;
        }
        var duration = cost.Seconds(decoding, prefill);
        var end = now + duration;
        foreach (var s in _running)
            if (s.PrefillLeft == 0) s.Generated++;
        foreach (var (s, chunk) in chunks)
        {
            s.PrefillLeft -= chunk;
            if (s.PrefillLeft == 0)
            {
                s.Generated = 1;
                s.FirstToken = end;
                firstTokens.Add(s);
            }
        }
        for (var i = _running.Count - 1; i >= 0; i--)
        {
            var s = _running[i];
            if (s.Generated < s.Request.GenTokens) continue;
            _running.RemoveAt(i);
            BlocksHeld -= s.Reserved;
            foreach (var b in s.Request.Blocks) Touch(b);
            foreach (var b in s.Request.OutputBlocks) Touch(b);
            finished.Add(s);
        }
        Trim();
        Busy = HasWork;
        return duration;
    }

    public void MarkBusy() => Busy = true;

    private void Admit()
    {
        while (_waiting.Count > 0 && _running.Count < MaxNumSeqs)
        {
            var s = _waiting.Peek();
            var need = (s.Request.PromptTokens + s.Request.GenTokens + Trace.BlockSize - 1) / Trace.BlockSize;
            if (BlocksHeld + need > BlocksTotal && _running.Count > 0) break;
            _waiting.Dequeue();
            var hits = 0;
            foreach (var b in s.Request.Blocks)
            {
                if (!_cached.ContainsKey(b)) break;
                Touch(b);
                hits++;
            }
            // The last prompt token is always computed (its logits give the first output token).
            s.CachedTokens = Math.Min(hits * Trace.BlockSize, s.Request.PromptTokens - 1);
            s.PrefillLeft = s.Request.PromptTokens - s.CachedTokens;
            s.Reserved = need;
            BlocksHeld += need;
            _running.Add(s);
            Trim();
        }
    }

    private void Touch(ulong block)
    {
        if (_cached.TryGetValue(block, out var node)) _lru.Remove(node);
        else node = new LinkedListNode<ulong>(block);
        _lru.AddLast(node);
        _cached[block] = node;
    }

    /// <summary>Cached blocks live in the pool's free part: evict least recently used ones beyond it.</summary>
    private void Trim()
    {
        var room = Math.Max(0, BlocksTotal - BlocksHeld);
        while (_cached.Count > room)
        {
            var first = _lru.First!;
            _lru.RemoveFirst();
            _cached.Remove(first.Value);
        }
    }
}
