using System.Diagnostics;

namespace Gantry.Engine.Sampling;

/// <summary>
/// Chooses the next token of one sequence from the model's logits and reports log-probabilities.
/// Holds the per-sequence state: the seeded generator and, when penalties are on, the token history.
/// </summary>
/// <remarks>
/// Owned by the engine-loop thread. Allocation-free per token after construction: every buffer is
/// sized to the vocabulary once (in a <see cref="CandidateSet"/> that samplers on one thread may share).
/// A step is: load logits into the candidate set, run the <see cref="ILogitsProcessor"/> pipeline
/// (order in <see cref="SamplerPipeline"/>), then argmax (temperature 0) or draw.
/// </remarks>
public sealed class Sampler
{
    private readonly CandidateSet _candidates;
    private readonly ILogitsProcessor[] _pipeline;
    private readonly TokenHistory? _history;
    private readonly Xoshiro256StarStar _rng;
    private readonly ITokenConstraint? _constraint;

    /// <param name="p">Validated here; throws <see cref="ArgumentException"/> naming the bad field.</param>
    /// <param name="vocabSize">Length of every logits span passed in.</param>
    /// <param name="workspace">Optional candidate buffers shared with other samplers on the same thread;
    /// null allocates this sampler's own (about 12 bytes per vocabulary entry).</param>
    /// <param name="constraint">Optional grammar (or other constraint) applied before every other stage and
    /// advanced by <see cref="Accept"/>.</param>
    public Sampler(SamplingParams p, int vocabSize, CandidateSet? workspace = null, ITokenConstraint? constraint = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        p.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vocabSize);
        if (workspace is not null && workspace.VocabSize != vocabSize)
            throw new ArgumentException($"Workspace is sized for {workspace.VocabSize} tokens, not {vocabSize}.", nameof(workspace));

        Params = p;
        VocabSize = vocabSize;
        Seed = p.Seed ?? Xoshiro256StarStar.RandomSeed();
        _rng = new Xoshiro256StarStar(Seed);
        _history = p.HasPenalties ? new TokenHistory(p.RepetitionLastN) : null;
        _candidates = workspace ?? new CandidateSet(vocabSize);
        _constraint = constraint;
        _pipeline = SamplerPipeline.Build(p, _history, constraint);
    }

    public SamplingParams Params { get; }

    public int VocabSize { get; }

    /// <summary>The seed in use (drawn at random when the request gave none), so a run can be replayed.</summary>
    public ulong Seed { get; }

    /// <summary>The processors applied each step, in order (stages that would be no-ops are omitted).</summary>
    public IReadOnlyList<ILogitsProcessor> Pipeline => _pipeline;

    /// <summary>The constraint given at construction, if any.</summary>
    public ITokenConstraint? Constraint => _constraint;

    /// <summary>
    /// Records a generated token for the penalties and advances the constraint. <see cref="Sample"/> does not
    /// record its own choice (a speculative draft may still be rejected); the engine calls this once a token is final.
    /// </summary>
    public void Accept(int tokenId)
    {
        AcceptPrompt(tokenId);
        _constraint?.Advance(tokenId);
    }

    /// <summary>Records a prompt token for the penalties (the constraint only follows generated text).</summary>
    public void AcceptPrompt(int tokenId)
    {
        if ((uint)tokenId >= (uint)VocabSize)
            throw new ArgumentOutOfRangeException(nameof(tokenId), tokenId, $"Token id must be in [0, {VocabSize}).");
        _history?.Accept(tokenId);
    }

    /// <summary>Picks the next token. Does not modify <paramref name="logits"/> (length = vocabulary size).</summary>
    public int Sample(ReadOnlySpan<float> logits)
    {
        _candidates.Reset(logits);
        foreach (var stage in _pipeline)
        {
            stage.Apply(_candidates);
            Debug.Assert(_candidates.Count >= 1, $"{stage.Name} removed every candidate");
        }
        return Params.IsGreedy ? Argmax.Select(_candidates) : CategoricalDraw.Select(_candidates, _rng);
    }

    /// <summary>
    /// Verifies one speculative draft token against these logits, keeping the output distribution exactly the
    /// target's (Leviathan et al. 2023; Chen et al. 2023). Drafts are deterministic proposals (q = a point mass on
    /// <paramref name="draft"/>), so the rule simplifies: accept with probability p(draft) under the processed
    /// distribution; on rejection draw from p with the draft removed, renormalised (= norm(max(0, p − q))).
    /// Greedy: accept exactly when the argmax is the draft. Returns the token to append.
    /// </summary>
    public int Verify(ReadOnlySpan<float> logits, int draft, out bool accepted)
    {
        _candidates.Reset(logits);
        foreach (var stage in _pipeline) stage.Apply(_candidates);
        if (Params.IsGreedy)
        {
            var best = Argmax.Select(_candidates);
            accepted = best == draft;
            return best;
        }
        var items = _candidates.Items;
        var max = Softmax.MaxLogit(_candidates);
        var u = _rng.NextDouble();
        if (!float.IsFinite(max))
        {
            var fallback = Argmax.Select(_candidates);
            accepted = fallback == draft;
            return fallback;
        }
        var weights = _candidates.Scratch[..items.Length];
        var total = Softmax.Weights(items, max, weights);
        var draftIndex = -1;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Id != draft) continue;
            draftIndex = i;
            break;
        }
        if (draftIndex >= 0 && u * total < weights[draftIndex])
        {
            accepted = true;
            return draft;
        }
        accepted = false;
        var remaining = total;
        if (draftIndex >= 0)
        {
            remaining -= weights[draftIndex];
            weights[draftIndex] = 0;
        }
        var target = _rng.NextDouble() * remaining;
        double cumulative = 0;
        var last = -1;
        for (var i = 0; i < items.Length; i++)
        {
            if (weights[i] <= 0) continue;
            last = i;
            cumulative += weights[i];
            if (cumulative > target) return items[i].Id;
        }
        return last >= 0 ? items[last].Id : draft; // only the draft had weight: it is the sole possible token
    }

    /// <summary>
    /// Log-probabilities under the raw distribution (log-softmax of <paramref name="logits"/> over the whole
    /// vocabulary, before penalties, filters and temperature): the top.Length most likely tokens, descending
    /// (ties to the lower id), and the chosen token's. Uses the shared scratch, so call it after
    /// <see cref="Sample"/>, not between processors.
    /// </summary>
    public void ComputeLogProbs(ReadOnlySpan<float> logits, int chosen, Span<TokenLogProb> top, out float chosenLogProb)
    {
        if (logits.Length != VocabSize)
            throw new ArgumentException($"Expected {VocabSize} logits, got {logits.Length}.", nameof(logits));
        if ((uint)chosen >= (uint)VocabSize)
            throw new ArgumentOutOfRangeException(nameof(chosen), chosen, $"Token id must be in [0, {VocabSize}).");
        if (top.Length > VocabSize)
            throw new ArgumentException($"Cannot report {top.Length} top tokens of a {VocabSize}-token vocabulary.", nameof(top));

        double logSumExp = LogProbs.LogSumExp(logits, _candidates.Scratch);
        chosenLogProb = LogProbs.Of(logits[chosen], logSumExp);
        LogProbs.SelectTop(logits, top);
        for (int i = 0; i < top.Length; i++)
            top[i] = top[i] with { LogProb = LogProbs.Of(top[i].LogProb, logSumExp) };
    }
}
