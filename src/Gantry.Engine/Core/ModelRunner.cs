using System.Runtime.InteropServices;
using Gantry.Engine.Scheduling;
using Gantry.Models;
using Gantry.Models.Attention;

namespace Gantry.Engine.Core;

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
    private int[] _outputCount = [];
    private int[] _tokens = new int[256];

    public ILanguageModel Model { get; } = model;

    public KvCacheStorage Cache { get; } = cache;

    /// <summary>Runs the step; afterwards <see cref="Logits"/> gives each scheduled sequence's row, if it asked for one.</summary>
    public void Run(SchedulerOutput output)
    {
        var scheduled = output.Scheduled;
        _batch.Clear();
        if (_outputIndex.Length < scheduled.Count)
        {
            _outputIndex = new int[Math.Max(scheduled.Count, 2 * _outputIndex.Length)];
            _outputCount = new int[_outputIndex.Length];
        }
        var outputs = 0;
        for (var i = 0; i < scheduled.Count; i++)
        {
            var seq = scheduled[i];
            // The uncomputed tail of the sequence, then any drafts; every draft position wants logits to be verified.
            var drafts = seq.Drafts.Count;
            var real = seq.NumScheduledTokens - drafts;
            if (_tokens.Length < seq.NumScheduledTokens) _tokens = new int[Math.Max(seq.NumScheduledTokens, 2 * _tokens.Length)];
            seq.TokenSpan.Slice(seq.NumComputedTokens, real).CopyTo(_tokens);
            CollectionsMarshal.AsSpan(seq.Drafts).CopyTo(_tokens.AsSpan(real));
            var wantsLogits = seq.NumComputedTokens + real == seq.Tokens.Count;
            var rows = wantsLogits ? 1 + drafts : 0;
            _batch.Add(_tokens.AsSpan(0, seq.NumScheduledTokens), seq.NumComputedTokens, CollectionsMarshal.AsSpan(seq.Blocks), rows, seq.Lora);
            _outputIndex[i] = outputs;
            _outputCount[i] = rows;
            outputs += rows;
        }
        var vocab = Model.Info.VocabSize;
        if (_logits.Length < outputs * vocab) _logits = new float[Math.Max(outputs, 4) * vocab];
        Model.Forward(_batch, Cache, _logits);
    }

    /// <summary>Logits rows the i-th scheduled sequence got in the last step: 0 mid-prefill, 1 + its drafts otherwise.</summary>
    public int LogitsRows(int scheduledIndex) => _outputCount[scheduledIndex];

    /// <summary>
    /// The i-th scheduled sequence's logits, (<see cref="LogitsRows"/>, vocab): row 0 follows its last token, row
    /// j + 1 its j-th draft.
    /// </summary>
    public ReadOnlySpan<float> Logits(int scheduledIndex)
    {
        var vocab = Model.Info.VocabSize;
        return _logits.AsSpan(_outputIndex[scheduledIndex] * vocab, _outputCount[scheduledIndex] * vocab);
    }
}
