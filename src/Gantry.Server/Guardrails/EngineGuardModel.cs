using System.Text;
using Gantry.Engine;
using Gantry.Engine.Sampling;
using Gantry.Guardrails.ModelGuard;
using Gantry.Models.Architectures;
using Gantry.Models;
using Gantry.Models.Attention;
using Gantry.Tensors.Threading;

namespace Gantry.Server.Guardrails;

/// <summary>
/// A guard model (<c>--guard-model PATH.gguf</c>) on its own <see cref="LlmEngine"/>: its own worker pool, batch
/// and KV budget, apart from any served model. Completes a guard prompt greedily; the prompt's chat tokens
/// (<c>&lt;|begin_of_text|&gt;</c>, headers) are parsed as special tokens when the vocabulary has them.
/// Thread-safe (the engine batches concurrent requests). Shared by <c>gantry guard</c> and <c>gantry serve</c>.
/// </summary>
public sealed class EngineGuardModel : IGuardModel, IDisposable
{
    private readonly WorkerPool _pool;
    private readonly ILanguageModel _model;
    private readonly LlmEngine _engine;

    private EngineGuardModel(WorkerPool pool, ILanguageModel model, LlmEngine engine)
    {
        _pool = pool;
        _model = model;
        _engine = engine;
    }

    /// <summary>The default KV budget in tokens: four 2k-token classifications at once.</summary>
    public const int DefaultKvTokens = 4 * 2048;

    /// <summary>Loads the model and starts its engine; a bad file throws what the model loader throws (<c>ModelFormatException</c>, <c>FileNotFoundException</c>).</summary>
    /// <param name="kvCacheBytes">The guard's own KV budget; null: <see cref="DefaultKvTokens"/> tokens.</param>
    public static EngineGuardModel Load(string path, int threads, long? kvCacheBytes = null)
    {
        var pool = new WorkerPool(threads);
        ILanguageModel? model = null;
        try
        {
            model = ModelLoader.Load(path, pool);
            var budget = kvCacheBytes ?? model.Info.KvCacheBytes(16, DefaultKvTokens / 16, KvCacheType.F32);
            var engine = new LlmEngine(model, new EngineOptions { KvCacheBytes = budget });
            return new EngineGuardModel(pool, model, engine);
        }
        catch
        {
            model?.Dispose();
            pool.Dispose();
            throw;
        }
    }

    /// <summary>The model's context, or the whole KV budget when that is smaller (a longer sequence could never be scheduled).</summary>
    public int ContextTokens => (int)Math.Min(_model.Info.ContextLength, (long)_engine.Stats.BlocksTotal * _engine.Stats.BlockSize);

    public int CountTokens(string text) => Encode(text).Length;

    /// <summary>The prompt's tokens: Llama 3's chat tokens in it are parsed as special tokens when the vocabulary has them.</summary>
    private int[] Encode(string prompt) => _model.Tokenizer.Encode(prompt, addSpecial: false, parseSpecial: true);

    public async Task<string> CompleteAsync(string prompt, int maxTokens, CancellationToken cancellationToken)
    {
        var tokens = Encode(prompt);
        var request = new GenerationRequest { PromptTokens = tokens, Sampling = SamplingParams.Greedy, MaxTokens = maxTokens };
        var text = new StringBuilder();
        foreach (var e in await _engine.GenerateAllAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (e.FinishReason == FinishReason.Error) throw new InvalidOperationException("guard model: " + e.Error);
            text.Append(e.TextDelta);
        }
        return text.ToString();
    }

    public void Dispose()
    {
        _engine.Dispose();
        _model.Dispose();
        _pool.Dispose();
    }
}
