using System.Diagnostics;
using System.Numerics.Tensors;
using Gantry.Models.Attention;
using Gantry.Models.Lora;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>
/// Adds the LoRA deltas of a batch's sequences to the outputs of the shared base matmuls:
/// <c>y[t] += scale · Bᵀ-axpys(A · x[t])</c> for each token t whose sequence carries adapters.
/// </summary>
/// <remarks>
/// Design (segmented, as Punica's SGMV and S-LoRA): the base matmul runs once for the whole batch; then, once per
/// step, <see cref="Prepare"/> groups the batch's sequences by the <see cref="LoraSet"/> they hold, and for each
/// matrix <see cref="Apply"/> walks group by group so an adapter's A and B stay in cache across all of its tokens.
/// Weights are never merged, so any mix of adapters and base-only sequences shares one step; a token's delta
/// depends only on its own row, so a sequence gets the same result in any batch. Allocates nothing once its
/// buffers have grown. Engine-loop thread only.
/// </remarks>
internal sealed class LoraProjector
{
    private readonly LoraBaseShape _shape;
    private LoraSet[] _groups = new LoraSet[4];   // (groupCount) distinct adapter sets in this step
    private int[] _groupEnd = new int[4];         // (groupCount) end of each group's run in _members
    private int[] _members = new int[16];         // (sequences with adapters) batch sequence indices, grouped
    private float[] _down = new float[64];        // (rank) A·x of one token, scaled
    private int _groupCount;
    private ForwardBatch? _batch;

    public LoraProjector(LoraBaseShape shape) => _shape = shape;

    /// <summary>Groups this step's sequences by adapter set; sequences without adapters are left out.</summary>
    public void Prepare(ForwardBatch batch)
    {
        _batch = batch;
        _groupCount = 0;
        var sequences = batch.Sequences;
        var memberCount = 0;
        // Distinct sets per step are few (≤ max-loras), so a scan per set beats hashing and allocates nothing.
        for (var i = 0; i < sequences.Length; i++)
        {
            var set = sequences[i].Lora;
            if (set is null || IsGrouped(set)) continue;
            if (!ReferenceEquals(set.BaseShape, _shape)) throw new ArgumentException($"sequence {i} carries an adapter loaded for another base model", nameof(batch));
            Grow(ref _groups, _groupCount + 1);
            Grow(ref _groupEnd, _groupCount + 1);
            for (var j = i; j < sequences.Length; j++)
            {
                if (!ReferenceEquals(sequences[j].Lora, set)) continue;
                Grow(ref _members, memberCount + 1);
                _members[memberCount++] = j;
            }
            _groups[_groupCount] = set;
            _groupEnd[_groupCount++] = memberCount;
        }
    }

    /// <summary>Adds the deltas for one matrix of one layer.</summary>
    /// <param name="x">(n, inputs) the rows the base matmul multiplied.</param>
    /// <param name="y">(n, outputs) its result, updated in place.</param>
    public void Apply(int layer, LoraTarget target, ReadOnlySpan<float> x, Span<float> y)
    {
        if (_groupCount == 0) return;
        // A target the model cannot adapt has no terms in any set: the loader refused adapters that carry one.
        if (_shape.Target(target) is not var (inputs, outputs)) return;
        var sequences = _batch!.Sequences;
        var start = 0;
        for (var g = 0; g < _groupCount; g++)
        {
            foreach (var term in _groups[g].Terms(layer, target))
            {
                var w = term.Weights;
                Debug.Assert(w.Inputs == inputs && w.Outputs == outputs);
                if (_down.Length < w.Rank) _down = new float[Math.Max(w.Rank, 2 * _down.Length)];
                for (var m = start; m < _groupEnd[g]; m++)
                {
                    var seq = sequences[_members[m]];
                    for (var t = seq.TokenStart; t < seq.TokenStart + seq.TokenCount; t++)
                        AddDelta(w, term.Scale, x.Slice(t * inputs, inputs), y.Slice(t * outputs, outputs));
                }
            }
            start = _groupEnd[g];
        }
    }

    /// <summary>y += scale · Bᵀᵀ·(A·x) for one token: rank dot products over the input, then rank axpys over the output.</summary>
    private void AddDelta(LoraWeights w, float scale, ReadOnlySpan<float> x, Span<float> y)
    {
        var a = w.A.Span;
        var bt = w.BTransposed.AsSpan();
        for (var j = 0; j < w.Rank; j++) _down[j] = scale * TensorPrimitives.Dot(a.Slice(j * w.Inputs, w.Inputs), x);
        for (var j = 0; j < w.Rank; j++) TensorPrimitives.MultiplyAdd(bt.Slice(j * w.Outputs, w.Outputs), _down[j], y, y);
    }

    private bool IsGrouped(LoraSet set)
    {
        for (var g = 0; g < _groupCount; g++)
            if (ReferenceEquals(_groups[g], set)) return true;
        return false;
    }

    private static void Grow<T>(ref T[] array, int needed)
    {
        if (array.Length < needed) Array.Resize(ref array, Math.Max(needed, 2 * array.Length));
    }
}
