using Gantry.Models.Attention;
using Gantry.Models.Lora;
using Gantry.Models.Tokenizers;

namespace Gantry.Models;

/// <summary>
/// A loaded model that runs batched forward passes over a paged KV cache. Implementations own their weights
/// (usually views into a memory-mapped file) and scratch buffers; they are driven by one thread at a time.
/// </summary>
public interface ILanguageModel : IDisposable
{
    ModelInfo Info { get; }

    ITokenizer Tokenizer { get; }

    /// <summary>Makes a KV cache of <paramref name="blockCount"/> blocks shaped for this model.</summary>
    KvCacheStorage CreateKvCache(int blockSize, int blockCount, KvCacheType type);

    /// <summary>
    /// Runs every token of <paramref name="batch"/>, writing keys and values into <paramref name="cache"/> and the logits
    /// of the batch's output rows into <paramref name="logits"/> (OutputCount × VocabSize, row-major).
    /// </summary>
    void Forward(ForwardBatch batch, KvCacheStorage cache, Span<float> logits);

    /// <summary>
    /// The matrices LoRA adapters may carry deltas for, to load adapters against; null when this model cannot run
    /// adapters (then a batch must not carry any).
    /// </summary>
    LoraBaseShape? LoraShape => null;
}
