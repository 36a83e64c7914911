using System.Runtime.InteropServices;
using Gantry.Engine.Scheduling;
using Gantry.Models.Runtime;

namespace Gantry.Engine.Runtime;

/// <summary>
/// Turns a <see cref="SchedulerOutput"/> into one batched forward pass: each scheduled sequence contributes the
/// tokens it has not computed yet, and asks for logits only when that brings it up to date. Reuses its batch and
/// logits buffers across steps. Engine-loop thread only.
/// </summary>
internal sealed class ModelRunner(ILanguageModel model, KvCacheStorage cache)
{
    private readonly ForwardBatch _batch = new();
    private float[] _logits = [];
    private int[] _outputIndex = [];

    public ILanguageModel Model { get; } = model;

    public KvCacheStorage Cache { get; } = cache;

    /// <summary>Runs the step; afterwards <see cref="Logits"/> gives each scheduled sequence's row, if it asked for one.</summary>
    public void Run(SchedulerOutput output)
    {
        var scheduled = output.Scheduled;
        _batch.Clear();
        if (_outputIndex.Length < scheduled.Count) _outputIndex = new int[Math.Max(scheduled.Count, 2 * _outputIndex.Length)];
        var outputs = 0;
        for (var i = 0; i < scheduled.Count; i++)
        {
            var seq = scheduled[i];
            var tokens = CollectionsMarshal.AsSpan(seq.Tokens).Slice(seq.NumComputedTokens, seq.NumScheduledTokens);
            var wantsLogits = seq.NumComputedTokens + seq.NumScheduledTokens == seq.Tokens.Count;
            _batch.Add(tokens, seq.NumComputedTokens, CollectionsMarshal.AsSpan(seq.BlockTable), wantsLogits ? 1 : 0);
            _outputIndex[i] = wantsLogits ? outputs++ : -1;
        }
        var vocab = Model.Info.VocabSize;
        if (_logits.Length < outputs * vocab) _logits = new float[Math.Max(outputs, 4) * vocab];
        Model.Forward(_batch, Cache, _logits);
    }

    /// <summary>The logits row of the i-th scheduled sequence of the last step, or empty if it asked for none.</summary>
    public ReadOnlySpan<float> Logits(int scheduledIndex)
    {
        var row = _outputIndex[scheduledIndex];
        var vocab = Model.Info.VocabSize;
        return row < 0 ? default : _logits.AsSpan(row * vocab, vocab);
    }
}
