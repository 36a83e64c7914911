using System.Diagnostics;
using LLama;
using LLama.Common;
using LLama.Native;
using Gantry.Engine.Sampling;

namespace Gantry.Bench.LlamaCpp;

/// <summary>
/// llama.cpp through LLamaSharp with its defaults (F16 K/V), driven the way llama.cpp's own batched examples drive
/// it: N sequences share one <c>llama_batch</c> per decode step, one token each, with distinct sequence ids.
/// </summary>
internal sealed class LlamaCppTarget : IBenchTarget
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly LLamaBatch _batch = new();

    public LlamaCppTarget(string path, int threads, int maxSequences, int maxTokensPerSequence)
    {
        var p = new ModelParams(path)
        {
            ContextSize = (uint)(maxSequences * maxTokensPerSequence + 64),
            SeqMax = (uint)maxSequences,
            BatchSize = (uint)Math.Max(512, maxSequences * maxTokensPerSequence),
            UBatchSize = 512,
            Threads = threads,
            BatchThreads = threads,
        };
        _weights = LLamaWeights.LoadFromFile(p);
        _context = _weights.CreateContext(p);
    }

    public string Name => "llama.cpp";

    public int VocabSize => _weights.Vocab.Count;

    public double Prefill(int[] prompt)
    {
        _context.NativeHandle.MemoryClear(true);
        var start = Stopwatch.GetTimestamp();
        _batch.Clear();
        for (var i = 0; i < prompt.Length; i++) _batch.Add((LLamaToken)prompt[i], i, LLamaSeqId.Zero, i == prompt.Length - 1);
        Decode();
        Argmax.Of(_context.NativeHandle.GetLogitsIth(prompt.Length - 1));
        return prompt.Length / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    public double Decode(int[][] prompts, int genTokens)
    {
        _context.NativeHandle.MemoryClear(true);
        var n = prompts.Length;
        var next = new int[n];
        _batch.Clear();
        var logitRows = new int[n];
        for (var s = 0; s < n; s++)
        {
            for (var i = 0; i < prompts[s].Length; i++)
            {
                if (i == prompts[s].Length - 1) logitRows[s] = _batch.TokenCount;
                _batch.Add((LLamaToken)prompts[s][i], i, (LLamaSeqId)s, i == prompts[s].Length - 1);
            }
        }
        Decode();
        for (var s = 0; s < n; s++) next[s] = Argmax.Of(_context.NativeHandle.GetLogitsIth(logitRows[s]));

        // The first token of each sequence came from the (untimed) prefill, as in Gantry's measurement.
        var start = Stopwatch.GetTimestamp();
        for (var step = 1; step < genTokens; step++)
        {
            _batch.Clear();
            for (var s = 0; s < n; s++) _batch.Add((LLamaToken)next[s], prompts[s].Length + step - 1, (LLamaSeqId)s, true);
            Decode();
            for (var s = 0; s < n; s++) next[s] = Argmax.Of(_context.NativeHandle.GetLogitsIth(s));
        }
        return (double)n * (genTokens - 1) / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private void Decode()
    {
        var result = _context.NativeHandle.Decode(_batch);
        if (result != DecodeResult.Ok) throw new InvalidOperationException("llama_decode failed: " + result);
    }

    public void Dispose()
    {
        _context.Dispose();
        _weights.Dispose();
    }
}
