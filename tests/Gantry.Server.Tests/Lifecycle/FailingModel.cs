using Gantry.Engine;
using Gantry.Models.Architectures;
using Gantry.Models;
using Gantry.Models.Attention;
using Gantry.Models.Tokenizers;
using Gantry.Server.Catalog;
using Gantry.Server.Chat;
using Gantry.Tensors.Threading;

namespace Gantry.Server.Tests.Lifecycle;

/// <summary>A model that is "corrupt after load": it passes its first <c>healthy</c> forward passes (the load probe), then every pass throws.</summary>
internal sealed class FailingModel(ILanguageModel inner, int healthy) : ILanguageModel
{
    private int _calls;

    public ModelInfo Info => inner.Info;

    public ITokenizer Tokenizer => inner.Tokenizer;

    public KvCacheStorage CreateKvCache(int blockSize, int blockCount, KvCacheType type) => inner.CreateKvCache(blockSize, blockCount, type);

    public void Forward(ForwardBatch batch, KvCacheStorage cache, Span<float> logits)
    {
        if (Interlocked.Increment(ref _calls) > healthy) throw new InvalidDataException("tensor data corrupt (test fault)");
        inner.Forward(batch, cache, logits);
    }

    public void Dispose() => inner.Dispose();

    /// <summary>A served model over <paramref name="path"/> that fails after its probe.</summary>
    public static ServedModel Serve(string path, string name, EngineOptions options, WorkerPool pool)
    {
        var model = new FailingModel(ModelLoader.Load(path, pool), healthy: 1);
        return new ServedModel(name, model, new LlmEngine(model, options), new FallbackChatPromptRenderer(model.Tokenizer), "failing test model");
    }
}
