namespace Gantry.Engine.Constraints;

/// <summary>
/// Computes which tokens may come next in a grammar state: a bit per vocabulary entry. One walk of the
/// <see cref="TokenTrie"/> per state follows the automaton's memoised transitions and cuts a subtree at the first
/// byte the grammar rejects; the result is cached per state, so a state seen before costs a copy. Budgeted masks
/// (few tokens left) also drop tokens after which the text could no longer be completed in time.
/// </summary>
/// <remarks>
/// Shared by every sequence with the same grammar and vocabulary on one thread (the engine loop); not thread-safe.
/// Cached masks are bounded by <see cref="MaxCacheBytes"/>; past it the cache is emptied and refilled as needed.
/// </remarks>
public sealed class TokenMasker
{
    /// <summary>Memory for cached masks per masker (a mask is vocab/8 bytes: 4 KB at 32k tokens).</summary>
    public const long MaxCacheBytes = 64L << 20;

    private readonly int[] _walkNodes;  // (trie nodes) DFS stack
    private readonly int[] _walkStates; // (trie nodes)
    private readonly List<ulong[]?> _masks = [];
    private readonly List<int> _maxDistanceAfter = [];
    private long _cachedBytes;

    public TokenMasker(GrammarAutomaton automaton, TokenTrie trie)
    {
        ArgumentNullException.ThrowIfNull(automaton);
        ArgumentNullException.ThrowIfNull(trie);
        Automaton = automaton;
        Trie = trie;
        MaskWords = (trie.VocabSize + 63) / 64;
        _walkNodes = new int[trie.NodeCount];
        _walkStates = new int[trie.NodeCount];
    }

    public GrammarAutomaton Automaton { get; }

    public TokenTrie Trie { get; }

    /// <summary>Length in ulongs of a mask.</summary>
    public int MaskWords { get; }

    /// <summary>Masks computed by a trie walk (cache misses and budgeted steps) since creation.</summary>
    public long Walks { get; private set; }

    /// <summary>
    /// Fills <paramref name="mask"/> (<see cref="MaskWords"/> words) with the tokens allowed in <paramref name="state"/>
    /// when at most <paramref name="remainingTokens"/> more tokens, this one included, may be generated. Returns how
    /// many tokens are allowed.
    /// </summary>
    public int Fill(int state, int remainingTokens, Span<ulong> mask)
    {
        if (mask.Length < MaskWords) throw new ArgumentException($"Mask needs {MaskWords} words.", nameof(mask));
        mask = mask[..MaskWords];
        if (state < 0)
        {
            mask.Clear();
            return 0;
        }
        var budget = remainingTokens <= 0 ? 0 : remainingTokens - 1; // largest distance allowed after this token
        var cached = Cached(state);
        if (_maxDistanceAfter[state] <= budget)
        {
            cached.CopyTo(mask);
            return Count(mask);
        }
        // Few tokens left: keep only tokens after which the text can still be closed one byte per token.
        var allowed = Walk(state, mask, budget, out _, out var best);
        if (allowed == 0 && best < GrammarAnalysis.Unbounded) allowed = Walk(state, mask, best, out _, out _);
        return allowed;
    }

    private ulong[] Cached(int state)
    {
        while (_masks.Count <= state)
        {
            _masks.Add(null);
            _maxDistanceAfter.Add(int.MaxValue);
        }
        var mask = _masks[state];
        if (mask is not null) return mask;
        mask = new ulong[MaskWords];
        Walk(state, mask, GrammarAnalysis.Unbounded, out var worst, out _);
        if (_cachedBytes + mask.Length * 8L > MaxCacheBytes)
        {
            for (var i = 0; i < _masks.Count; i++) _masks[i] = null;
            _cachedBytes = 0;
        }
        _masks[state] = mask;
        _maxDistanceAfter[state] = worst;
        _cachedBytes += mask.Length * 8L;
        return mask;
    }

    /// <summary>
    /// One trie walk: sets the bit of every token whose bytes the grammar accepts from <paramref name="state"/> and
    /// after which the distance to completion is at most <paramref name="budget"/>. Reports the largest and the
    /// smallest distance after any grammar-accepted token.
    /// </summary>
    private int Walk(int state, Span<ulong> mask, int budget, out int worst, out int best)
    {
        Walks++;
        mask.Clear();
        var automaton = Automaton;
        var trie = Trie;
        var allowed = 0;
        worst = 0;
        best = GrammarAnalysis.Unbounded;
        if (automaton.IsAccepting(state))
        {
            foreach (var t in trie.EndOfGenerationTokens)
            {
                mask[t >> 6] |= 1UL << (t & 63);
                allowed++;
            }
            best = 0;
        }
        var sp = 0;
        _walkNodes[sp] = 0;
        _walkStates[sp++] = state;
        while (sp > 0)
        {
            sp--;
            var node = _walkNodes[sp];
            var from = _walkStates[sp];
            for (var child = trie.FirstChild(node); child >= 0; child = trie.NextSibling(child))
            {
                var to = automaton.Next(from, trie.EdgeByte(child));
                if (to < 0) continue;
                if (trie.HasTokens(child))
                {
                    var distance = automaton.Distance(to);
                    if (distance > worst) worst = distance;
                    if (distance < best) best = distance;
                    if (distance <= budget)
                        foreach (var t in trie.TokensAt(child))
                        {
                            mask[t >> 6] |= 1UL << (t & 63);
                            allowed++;
                        }
                }
                if (trie.FirstChild(child) >= 0 && automaton.CanContinue(to))
                {
                    _walkNodes[sp] = child;
                    _walkStates[sp++] = to;
                }
            }
        }
        return allowed;
    }

    private static int Count(ReadOnlySpan<ulong> mask)
    {
        var n = 0;
        foreach (var w in mask) n += System.Numerics.BitOperations.PopCount(w);
        return n;
    }
}
