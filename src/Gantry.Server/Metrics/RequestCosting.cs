using Gantry.Engine;
using Gantry.Engine.Costs;
using Gantry.Models;
using Gantry.Models.Attention;

namespace Gantry.Server.Metrics;

/// <summary>
/// Sums one request's cost over its choices, from each choice's final usage: FLOPs and bytes from the model's shape
/// and the tokens each choice ran (prefix-cache hits left out), the CPU time and weight share the engine charged the
/// choice, energy and carbon from those. The price is charged once, on the request's billed tokens (each prompt
/// once, every choice's completion), like its <c>usage</c>. Used by the request's reader only.
/// </summary>
internal sealed class RequestCosting(ModelInfo model, string modelName, KvCacheType kvType, CostSettings settings)
{
    private RequestCost _computed;
    private long _completionTokens;

    /// <summary>Bytes one cached key or value element takes: f32 4; q8_0 34 per 32 (int8 values and an f16 scale).</summary>
    public static double KvBytesPerElement(KvCacheType type) => type == KvCacheType.Q8_0 ? 34.0 / 32 : 4;

    /// <summary>Choices whose final usage came.</summary>
    public int Choices { get; private set; }

    /// <summary>A choice's final usage with the CPU seconds and weight share the engine charged it.</summary>
    public void Add(GenerationUsage usage, double cpuSeconds, double weightShare)
    {
        Choices++;
        _completionTokens += usage.CompletionTokens;
        _computed += CostModel.Computed(model, usage.PromptTokens, usage.CompletionTokens, usage.CachedPromptTokens,
            weightShare, KvBytesPerElement(kvType), cpuSeconds, settings);
    }

    /// <summary>The whole cost, priced on <paramref name="promptTokens"/> (each prompt once) and the choices' completions.</summary>
    public RequestCost Total(long promptTokens) =>
        _computed with { Price = CostModel.Price(settings, modelName, promptTokens, _completionTokens) };
}
