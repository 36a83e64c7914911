using LLama;
using LLama.Common;
using LLama.Native;

namespace Gantry.Oracle.Tests.LlamaCpp;

/// <summary>
/// llama.cpp (through LLamaSharp) as the reference: logits after a prompt and greedy continuations on the same file.
/// K/V are kept in F32 so the reference is not rounded where Gantry is exact.
/// </summary>
public sealed class LlamaCppRunner : IDisposable
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly LLamaBatch _batch = new();

    public LlamaCppRunner(string path, uint contextSize = 512, bool flashAttention = false)
    {
        var p = new ModelParams(path)
        {
            ContextSize = contextSize,
            BatchSize = contextSize,
            UBatchSize = contextSize,
            Threads = 2,
            TypeK = GGMLType.GGML_TYPE_F32,
            TypeV = GGMLType.GGML_TYPE_F32,
            // llama.cpp's CPU flash attention rounds Q·K to F16 (relative logit error ~4e-4); the plain path is exact.
            FlashAttention = flashAttention,
        };
        _weights = LLamaWeights.LoadFromFile(p);
        _context = _weights.CreateContext(p);
        VocabSize = _weights.Vocab.Count;
    }

    public int VocabSize { get; }

    /// <summary>Applies GGUF LoRA adapters, each at its scale (llama.cpp's <c>--lora-scaled</c>), to every later decode.</summary>
    public void SetLoraAdapters(params (string Path, float Scale)[] adapters)
    {
        var loaded = adapters.Select(a => (_weights.NativeHandle.LoadLoraFromFile(a.Path), a.Scale)).ToArray();
        _context.NativeHandle.SetLoraAdapters(loaded);
    }

    public int[] Tokenize(string text, bool addBos, bool special) =>
        _context.Tokenize(text, addBos, special).Select(t => (int)t).ToArray();

    /// <summary>The logits of the last prompt token, from a fresh cache.</summary>
    public float[] LogitsAfter(IReadOnlyList<int> prompt)
    {
        _context.NativeHandle.MemoryClear(true);
        Decode(prompt, 0);
        return _context.NativeHandle.GetLogitsIth(_batch.TokenCount - 1).ToArray();
    }

    /// <summary>Greedy continuation, with llama.cpp's own margin between its top two logits at each step.</summary>
    public (int[] Tokens, float[] Margins) Greedy(IReadOnlyList<int> prompt, int count)
    {
        _context.NativeHandle.MemoryClear(true);
        Decode(prompt, 0);
        var tokens = new List<int>();
        var margins = new List<float>();
        var position = prompt.Count;
        for (var i = 0; i < count; i++)
        {
            var logits = _context.NativeHandle.GetLogitsIth(_batch.TokenCount - 1);
            var (best, margin) = ArgmaxWithMargin(logits);
            tokens.Add(best);
            margins.Add(margin);
            if ((LLamaToken)best == _weights.Vocab.EOS || (LLamaToken)best == _weights.Vocab.EOT) break;
            Decode([best], position++);
        }
        return (tokens.ToArray(), margins.ToArray());
    }

    public static (int Index, float Margin) ArgmaxWithMargin(ReadOnlySpan<float> logits)
    {
        int best = 0;
        float first = float.NegativeInfinity, second = float.NegativeInfinity;
        for (var i = 0; i < logits.Length; i++)
        {
            if (logits[i] > first)
            {
                second = first;
                first = logits[i];
                best = i;
            }
            else if (logits[i] > second) second = logits[i];
        }
        return (best, first - second);
    }

    public void Dispose()
    {
        _context.Dispose();
        _weights.Dispose();
    }

    private void Decode(IReadOnlyList<int> tokens, int start)
    {
        _batch.Clear();
        for (var i = 0; i < tokens.Count; i++) _batch.Add((LLamaToken)tokens[i], start + i, LLamaSeqId.Zero, i == tokens.Count - 1);
        var result = _context.NativeHandle.Decode(_batch);
        if (result != DecodeResult.Ok) throw new InvalidOperationException("llama_decode failed: " + result);
    }
}
