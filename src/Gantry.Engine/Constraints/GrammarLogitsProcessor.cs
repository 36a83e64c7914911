using System.Diagnostics;
using System.Numerics;
using Gantry.Engine.Sampling;

namespace Gantry.Engine.Constraints;

/// <summary>
/// The sampler stage that applies a sequence's <see cref="GrammarConstraint"/>: removes every candidate the grammar
/// does not allow. Runs first in the pipeline, so penalties and filters only ever see tokens that keep the text valid.
/// </summary>
/// <remarks>Engine-loop thread; allocation-free per step (the mask buffer is allocated once).</remarks>
public sealed class GrammarLogitsProcessor : ITokenConstraint
{
    private readonly ulong[] _mask;
    private readonly MaskTimings? _timings;

    /// <param name="timings">Where to record how long each mask took (null: not timed).</param>
    public GrammarLogitsProcessor(GrammarConstraint constraint, MaskTimings? timings = null)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        Constraint = constraint;
        _mask = new ulong[constraint.Masker.MaskWords];
        _timings = timings;
    }

    public string Name => "grammar";

    public GrammarConstraint Constraint { get; }

    /// <summary>Advances the grammar past a final token; the sampler only chooses tokens the mask allowed.</summary>
    public void Advance(int tokenId)
    {
        var ok = Constraint.Accept(tokenId);
        Debug.Assert(ok || Constraint.IsFinished, $"token {tokenId} was not allowed by the grammar");
    }

    public void Apply(CandidateSet candidates)
    {
        var start = _timings is null ? 0 : Stopwatch.GetTimestamp();
        Mask(candidates);
        if (_timings is not null) _timings.Record(Stopwatch.GetTimestamp() - start);
    }

    private void Mask(CandidateSet candidates)
    {
        var allowed = Constraint.FillMask(_mask);
        if (allowed == 0)
        {
            // The grammar is finished or the vocabulary cannot continue it: only ending is valid.
            foreach (var t in Constraint.Masker.Trie.EndOfGenerationTokens) _mask[t >> 6] |= 1UL << (t & 63);
            if (Constraint.Masker.Trie.EndOfGenerationTokens.Length == 0) return;
        }
        var items = candidates.Items;
        var kept = 0;
        if (candidates.IsIdentityOrder)
        {
            // items[id].Id == id: visit only set bits, moving each kept candidate down (kept <= id always).
            for (var w = 0; w < _mask.Length; w++)
            {
                var bits = _mask[w];
                while (bits != 0)
                {
                    var id = (w << 6) + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    if (id >= items.Length) break;
                    items[kept++] = items[id];
                }
            }
        }
        else
        {
            for (var i = 0; i < items.Length; i++)
            {
                var id = items[i].Id;
                if ((_mask[id >> 6] >> (id & 63) & 1) != 0) items[kept++] = items[i];
            }
        }
        Debug.Assert(kept > 0, "the mask allowed no candidate");
        if (kept == 0) return;
        candidates.Truncate(kept);
    }
}
