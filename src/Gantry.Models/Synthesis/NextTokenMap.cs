namespace Gantry.Models.Synthesis;

/// <summary>
/// A fixed next-token function that a synthesized model follows greedily by construction (see
/// <see cref="ModelSynthesizer"/>): the model's greedy continuation of any token t is <c>Next[t]</c>. Two maps over one
/// vocabulary that differ on a fraction f of tokens make a target and draft pair whose greedy agreement is 1 - f, which
/// random weights cannot give, so speculative decoding's speed-up can be measured against a known acceptance rate.
/// </summary>
public sealed class NextTokenMap
{
    /// <summary>Ids below this are the synthetic vocabulary's control tokens; no token maps to them, so a generation
    /// never ends early on end-of-sequence.</summary>
    private const int FirstTarget = SyntheticVocabulary.Eos + 1;

    private NextTokenMap(int[] next) => Next = next;

    /// <summary>(vocab) the greedy successor of each token id.</summary>
    public IReadOnlyList<int> Next { get; }

    public int VocabSize => Next.Count;

    /// <summary>One cycle through every non-control token in a seeded random order (and the control tokens into it), so
    /// a generation visits a long, non-repeating run of tokens and prompt lookup finds nothing to copy.</summary>
    public static NextTokenMap Cycle(int vocabSize, ulong seed)
    {
        if (vocabSize <= FirstTarget + 1) throw new ArgumentOutOfRangeException(nameof(vocabSize), "the vocabulary is too small for a next-token map");
        var order = Enumerable.Range(FirstTarget, vocabSize - FirstTarget).ToArray();
        var rng = new SplitMix64(seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(rng.Next() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        var next = new int[vocabSize];
        for (var i = 0; i < order.Length; i++) next[order[i]] = order[(i + 1) % order.Length];
        for (var t = 0; t < FirstTarget; t++) next[t] = order[t % order.Length];
        return new NextTokenMap(next);
    }

    /// <summary>A copy whose successor differs on a seeded random <paramref name="fraction"/> of the tokens (each such
    /// token gets another non-control successor), the rest unchanged.</summary>
    public NextTokenMap Disagreeing(double fraction, ulong seed)
    {
        if (fraction is < 0 or > 1 || double.IsNaN(fraction)) throw new ArgumentOutOfRangeException(nameof(fraction), "the fraction must lie in [0, 1]");
        var next = Next.ToArray();
        var rng = new SplitMix64(seed ^ 0xD1B54A32D192ED03UL);
        var targets = (ulong)(VocabSize - FirstTarget);
        for (var t = 0; t < next.Length; t++)
        {
            if (rng.NextFloat() >= fraction) continue;
            var other = FirstTarget + (int)(rng.Next() % (targets - 1));
            next[t] = other >= next[t] ? other + 1 : other; // any target but the current one
        }
        return new NextTokenMap(next);
    }

    /// <summary>The fraction of tokens whose successor the two maps agree on.</summary>
    public double Agreement(NextTokenMap other)
    {
        if (other.VocabSize != VocabSize) throw new ArgumentException("the maps cover different vocabularies", nameof(other));
        var same = 0;
        for (var t = 0; t < VocabSize; t++) if (Next[t] == other.Next[t]) same++;
        return same / (double)VocabSize;
    }
}
