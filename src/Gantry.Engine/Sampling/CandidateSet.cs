using System.Diagnostics;

namespace Gantry.Engine.Sampling;

/// <summary>
/// The tokens still in the running for one sampling step, passed through every <see cref="ILogitsProcessor"/>
/// in turn (the analogue of llama.cpp's <c>llama_token_data_array</c>). It starts as the whole vocabulary in
/// id order; filters shrink it with <see cref="Truncate"/>, reordering stages record what they did so later
/// stages can skip work (a sorted set needs no sort; an identity-ordered set is indexable by token id).
/// </summary>
/// <remarks>Owned by the engine-loop thread; the buffer is allocated once and reused every step.</remarks>
public sealed class CandidateSet
{
    private readonly Candidate[] _items; // (vocab)
    private readonly float[] _scratch;   // (vocab)

    /// <param name="vocabSize">Number of logits the model emits per token.</param>
    /// <remarks>
    /// About 12 bytes per vocabulary entry (1.8 MB at 150k tokens). Samplers on one thread may share one
    /// set, since each step reloads it with <see cref="Reset"/>.
    /// </remarks>
    public CandidateSet(int vocabSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabSize);
        _items = new Candidate[vocabSize];
        _scratch = new float[vocabSize];
    }

    public int VocabSize => _items.Length;

    /// <summary>How many candidates remain; always at least 1 after <see cref="Reset"/>.</summary>
    public int Count { get; private set; }

    /// <summary>The remaining candidates. Processors may change logits in place; see <see cref="MarkLogitsChanged"/>.</summary>
    public Span<Candidate> Items => _items.AsSpan(0, Count);

    /// <summary>Float scratch of vocabulary length for any stage's temporary values; contents do not survive a stage.</summary>
    public Span<float> Scratch => _scratch;

    /// <summary>Items are in <see cref="Candidate.Precedes"/> order (highest logit first).</summary>
    public bool IsSorted { get; private set; }

    /// <summary>Items[i].Id == i for the whole vocabulary, so a token's candidate can be found by its id.</summary>
    public bool IsIdentityOrder { get; private set; }

    /// <summary>
    /// Loads a fresh step from the model's logits, in id order. NaN logits become -inf: a broken model
    /// output must not crash sampling or yield an invalid id, and -inf keeps NaN out of every comparison.
    /// </summary>
    public void Reset(ReadOnlySpan<float> logits)
    {
        if (logits.Length != _items.Length)
            throw new ArgumentException($"Expected {_items.Length} logits, got {logits.Length}.", nameof(logits));
        var items = _items;
        for (int i = 0; i < items.Length; i++)
        {
            float l = logits[i];
            items[i] = new Candidate(i, float.IsNaN(l) ? float.NegativeInfinity : l);
        }
        Count = items.Length;
        IsSorted = false;
        IsIdentityOrder = true;
    }

    /// <summary>Keeps the first <paramref name="count"/> items (min_keep = 1: a filter never empties the set).</summary>
    public void Truncate(int count)
    {
        Debug.Assert(count >= 1 && count <= Count, "a filter must keep at least one candidate and cannot add any");
        if (count == Count)
            return;
        Count = count;
        IsIdentityOrder = false;
    }

    /// <summary>Records that items were permuted; <paramref name="sorted"/> says whether they are now in <see cref="Candidate.Precedes"/> order.</summary>
    public void MarkReordered(bool sorted)
    {
        IsSorted = sorted;
        IsIdentityOrder = false;
    }

    /// <summary>Records that logits changed in a way that may break the sorted order (penalties, masks).</summary>
    public void MarkLogitsChanged() => IsSorted = false;
}
