using Gantry.Models.Gguf;

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

    /// <summary>The GGUF metadata key under which <see cref="ModelSynthesizer"/> stores the map a model follows (an
    /// Int32 array, one successor per token id), so a benchmark can build prompts the model is known to copy.</summary>
    public const string MetadataKey = "gantry.synthetic.next_token_map";

    /// <summary>One cycle through every non-control token in a seeded random order (and the control tokens into it), so
    /// a generation visits a long, non-repeating run of tokens and prompt lookup finds nothing to copy.</summary>
    public static NextTokenMap Cycle(int vocabSize, ulong seed) => Cycles(vocabSize, LongestCycle(vocabSize), seed);

    /// <summary>The longest cycle a map over <paramref name="vocabSize"/> tokens can have: every non-control token.</summary>
    public static int LongestCycle(int vocabSize) => vocabSize - FirstTarget;

    /// <summary>
    /// The non-control tokens in the seeded random order of <see cref="Cycle"/>, cut into cycles of
    /// <paramref name="cycleLength"/> tokens (the last one also takes the remainder, so it is up to 2·length − 1 long).
    /// A model following it repeats every span of that length forever: the copying workload of a benchmark, where a
    /// prompt holding one whole cycle makes every later token a copy of one in the prompt. Control tokens map into
    /// the cycles, as in <see cref="Cycle"/>.
    /// </summary>
    public static NextTokenMap Cycles(int vocabSize, int cycleLength, ulong seed)
    {
        if (vocabSize <= FirstTarget + 1) throw new ArgumentOutOfRangeException(nameof(vocabSize), "the vocabulary is too small for a next-token map");
        var order = Enumerable.Range(FirstTarget, vocabSize - FirstTarget).ToArray();
        if (cycleLength < 2 || cycleLength > order.Length)
            throw new ArgumentOutOfRangeException(nameof(cycleLength), $"the cycle length must lie in [2, {order.Length}] (got {cycleLength})");
        var rng = new SplitMix64(seed);
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = (int)(rng.Next() % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }
        var next = new int[vocabSize];
        var cycles = order.Length / cycleLength;
        for (var c = 0; c < cycles; c++)
        {
            var start = c * cycleLength;
            var end = c == cycles - 1 ? order.Length : start + cycleLength;
            for (var i = start; i < end; i++) next[order[i]] = order[i + 1 < end ? i + 1 : start];
        }
        for (var t = 0; t < FirstTarget; t++) next[t] = order[t % order.Length];
        return new NextTokenMap(next);
    }

    /// <summary>The map stored under <see cref="MetadataKey"/>, or null when the file has none (not a following
    /// model). Throws <see cref="ArgumentException"/> when the stored map does not cover <paramref name="vocabSize"/>
    /// tokens or points outside it.</summary>
    public static NextTokenMap? Read(GgufMetadata metadata, int vocabSize)
    {
        if (!metadata.Contains(MetadataKey)) return null;
        var next = metadata.GetInt32Array(MetadataKey);
        if (next.Length != vocabSize || next.Any(t => t < 0 || t >= vocabSize))
            throw new ArgumentException($"{MetadataKey} does not map the {vocabSize}-token vocabulary into itself", nameof(metadata));
        return new NextTokenMap(next);
    }

    /// <summary>Token <paramref name="start"/> and its successors, up to <paramref name="maxLength"/> tokens or until
    /// the walk comes back to a token it has visited (one whole cycle when the start lies on one).</summary>
    public int[] Walk(int start, int maxLength)
    {
        var seen = new HashSet<int>();
        var tokens = new List<int>();
        for (var t = start; tokens.Count < maxLength && seen.Add(t); t = Next[t]) tokens.Add(t);
        return [.. tokens];
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
