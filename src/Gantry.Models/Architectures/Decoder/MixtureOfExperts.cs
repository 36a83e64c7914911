using System.Numerics.Tensors;
using Gantry.Tensors.Kernels;

namespace Gantry.Models.Architectures.Decoder;

/// <summary>
/// A mixture-of-experts feed-forward over a batch of rows, grouped by expert: the router picks each row's top-k
/// experts (<see cref="ExpertRouting"/>), then every expert that any row chose runs once, on all of its rows
/// together, so within one step each active expert's weights stream from memory once however many tokens it
/// serves (<see cref="LastRunCalls"/> counts this). Each row's result is the weighted sum of its experts in the
/// router's order (as llama.cpp adds them), plus, for Qwen2-MoE, a shared expert scaled by a sigmoid gate.
/// Driven by the engine-loop thread; its scratch grows to the largest batch seen and is reused.
/// </summary>
internal sealed class MixtureOfExperts
{
    private readonly ExpertConfig _e;
    private readonly int _dim;
    private readonly MatMul _matMul;
    private readonly GatedFeedForward _ffn;
    private int _rows;
    private float[] _logits = [];      // (n, experts) router logits, then probabilities
    private int[] _chosen = [];        // (n, k) expert of each (row, slot)
    private float[] _weights = [];     // (n, k) its weight
    private int[] _byExpert = [];      // (n·k) (row·k + slot) grouped by expert
    private int[] _expertStart = [];   // (experts + 1) where each expert's group starts in _byExpert
    private float[] _gathered = [];    // (n, dim) the rows one expert serves
    private float[] _gate = [];        // (n, max ff)
    private float[] _up = [];          // (n, max ff)
    private float[] _expertOut = [];   // (n, dim)
    private float[] _slotOut = [];     // (n, k, dim) weighted output of each (row, slot)
    private float[] _sharedGate = [];  // (n) Qwen2-MoE shared-expert gate logits

    public MixtureOfExperts(ExpertConfig experts, int dim, MatMul matMul)
    {
        _e = experts;
        _dim = dim;
        _matMul = matMul;
        _ffn = new GatedFeedForward(matMul, FeedForwardActivation.Silu);
        LastRunCalls = new int[experts.Count];
    }

    /// <summary>(experts) how many times each expert's weights were multiplied in the last <see cref="Run"/>: 0 or 1.</summary>
    public int[] LastRunCalls { get; }

    /// <param name="x">(n, dim) normalised input rows.</param>
    /// <param name="output">(n, dim) result.</param>
    public void Run(ExpertWeights w, ReadOnlySpan<float> x, int n, Span<float> output)
    {
        Ensure(n);
        int k = _e.Used, count = _e.Count, dim = _dim;
        _matMul.Multiply(w.Router, x, n, _logits.AsSpan(0, n * count));
        for (var r = 0; r < n; r++)
            ExpertRouting.Select(_logits.AsSpan(r * count, count), _chosen.AsSpan(r * k, k), _weights.AsSpan(r * k, k), _e.NormalizeTopK);
        GroupByExpert(n);

        Array.Clear(LastRunCalls);
        for (var e = 0; e < count; e++)
        {
            var group = _byExpert.AsSpan(_expertStart[e], _expertStart[e + 1] - _expertStart[e]);
            if (group.IsEmpty) continue;
            var m = group.Length;
            for (var i = 0; i < m; i++) x.Slice(group[i] / k * dim, dim).CopyTo(_gathered.AsSpan(i * dim, dim));
            _ffn.Run(w.Experts[e], _gathered.AsSpan(0, m * dim), m, _gate, _up, _expertOut);
            LastRunCalls[e]++;
            for (var i = 0; i < m; i++)
                TensorPrimitives.Multiply(_expertOut.AsSpan(i * dim, dim), _weights[group[i]], _slotOut.AsSpan(group[i] * dim, dim));
        }

        for (var r = 0; r < n; r++)
        {
            var o = output.Slice(r * dim, dim);
            _slotOut.AsSpan(r * k * dim, dim).CopyTo(o);
            for (var j = 1; j < k; j++) TensorPrimitives.Add(o, _slotOut.AsSpan((r * k + j) * dim, dim), o);
        }
        if (w.Shared is { } shared) AddSharedExpert(w, shared, x, n, output);
    }

    /// <summary>output += σ(g·x) · SharedExpert(x), row by row.</summary>
    private void AddSharedExpert(ExpertWeights w, in FeedForwardWeights shared, ReadOnlySpan<float> x, int n, Span<float> output)
    {
        var dim = _dim;
        _ffn.Run(shared, x, n, _gate, _up, _expertOut);
        _matMul.Multiply(w.SharedGate!.Value, x, n, _sharedGate.AsSpan(0, n));
        TensorPrimitives.Sigmoid(_sharedGate.AsSpan(0, n), _sharedGate.AsSpan(0, n));
        for (var r = 0; r < n; r++)
        {
            var e = _expertOut.AsSpan(r * dim, dim);
            TensorPrimitives.Multiply(e, _sharedGate[r], e);
            TensorPrimitives.Add(output.Slice(r * dim, dim), e, output.Slice(r * dim, dim));
        }
    }

    /// <summary>A counting sort of the (row, slot) pairs by chosen expert.</summary>
    private void GroupByExpert(int n)
    {
        var pairs = n * _e.Used;
        Array.Clear(_expertStart);
        for (var i = 0; i < pairs; i++) _expertStart[_chosen[i] + 1]++;
        for (var e = 0; e < _e.Count; e++) _expertStart[e + 1] += _expertStart[e];
        Span<int> next = stackalloc int[_e.Count];
        _expertStart.AsSpan(0, _e.Count).CopyTo(next);
        for (var i = 0; i < pairs; i++) _byExpert[next[_chosen[i]]++] = i;
    }

    private void Ensure(int n)
    {
        if (n <= _rows) return;
        n = Math.Max(n, _rows * 2);
        int k = _e.Used, ff = Math.Max(_e.FeedForwardLength, _e.SharedFeedForwardLength);
        _logits = new float[n * _e.Count];
        _chosen = new int[n * k];
        _weights = new float[n * k];
        _byExpert = new int[n * k];
        _expertStart = new int[_e.Count + 1];
        _gathered = new float[n * _dim];
        _gate = new float[n * ff];
        _up = new float[n * ff];
        _expertOut = new float[n * _dim];
        _slotOut = new float[n * k * _dim];
        _sharedGate = new float[n];
        _rows = n;
    }
}
