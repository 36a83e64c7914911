using Gantry.Models;

namespace Gantry.Engine.Costs;

/// <summary>
/// Estimates a request's cost from the model's shape and its token counts, the way capacity planners do (Kaplan et
/// al.'s 2·N per token plus the attention term), not by counting instructions. Pure functions; thread-safe.
/// </summary>
/// <remarks>
/// Design: a decoder forward pass for the token at position t (0-based, t earlier tokens cached) costs
/// 2 × active parameters FLOPs for its matmuls (one multiply and one add per weight) plus
/// 4 × layers × heads × head_dim × (t + 1) for attention (QKᵀ and the weighted sum of V, each a multiply-add over
/// every attended position). Summed over positions 0..n-1 the attention term is 4·L·H·D·n(n+1)/2. The prompt's
/// tokens and every completion token but the last run through the model (the last is sampled, never fed back).
/// Bytes read: the weights once per engine step, shared by the sequences of that step (<c>weightShare</c> is this
/// request's share summed over its steps), and the KV cache: 2 (K and V) × layers × kv_dim × bytes per element for
/// every attended position.
/// </remarks>
public static class CostModel
{
    /// <summary>Tokens that go through a forward pass: the prompt and all completion tokens but the last.</summary>
    public static long ForwardTokens(int promptTokens, int completionTokens) =>
        (long)promptTokens + Math.Max(0, completionTokens - 1);

    /// <summary>FLOPs of running <paramref name="promptTokens"/> + <paramref name="completionTokens"/> through <paramref name="model"/>.</summary>
    public static double Flops(ModelInfo model, int promptTokens, int completionTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        double n = ForwardTokens(promptTokens, completionTokens);
        var active = model.ActiveParameterCount > 0 ? model.ActiveParameterCount : model.ParameterCount;
        var matmul = 2.0 * active * n;
        var attention = 4.0 * model.LayerCount * model.HeadCount * model.HeadDim * (n * (n + 1) / 2);
        return matmul + attention;
    }

    /// <summary>
    /// Bytes read: <paramref name="weightShare"/> × the weight bytes (the request's share of its steps' weight reads;
    /// 1 per step it ran alone) plus the KV cache read by attention at <paramref name="kvBytesPerElement"/>.
    /// </summary>
    public static double BytesRead(ModelInfo model, int promptTokens, int completionTokens, double weightShare, double kvBytesPerElement)
    {
        ArgumentNullException.ThrowIfNull(model);
        double n = ForwardTokens(promptTokens, completionTokens);
        var kv = 2.0 * model.LayerCount * model.KvDim * kvBytesPerElement * (n * (n + 1) / 2);
        return weightShare * model.WeightBytes + kv;
    }

    /// <summary>The whole cost of one request under <paramref name="settings"/>.</summary>
    /// <param name="modelName">The served name the price table is keyed by.</param>
    public static RequestCost For(ModelInfo model, string modelName, int promptTokens, int completionTokens,
        double weightShare, double kvBytesPerElement, double cpuSeconds, CostSettings settings) =>
        Computed(model, promptTokens, completionTokens, 0, weightShare, kvBytesPerElement, cpuSeconds, settings)
        with { Price = Price(settings, modelName, promptTokens, completionTokens) };

    /// <summary>
    /// The cost of one sequence's work without its price: like <see cref="For"/>, but the first
    /// <paramref name="cachedPromptTokens"/> prompt tokens came from the prefix cache and never ran, so their positions'
    /// FLOPs and KV reads (those of a request of just that prefix) are left out.
    /// </summary>
    public static RequestCost Computed(ModelInfo model, int promptTokens, int completionTokens, int cachedPromptTokens,
        double weightShare, double kvBytesPerElement, double cpuSeconds, CostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var cached = Math.Clamp(cachedPromptTokens, 0, promptTokens);
        var flops = Flops(model, promptTokens, completionTokens) - Flops(model, cached, 0);
        var bytes = BytesRead(model, promptTokens, completionTokens, weightShare, kvBytesPerElement) - BytesRead(model, cached, 0, 0, kvBytesPerElement);
        var joules = cpuSeconds * settings.CpuWatts;
        return new RequestCost(flops, bytes, cpuSeconds, joules, Grams(joules, settings), 0);
    }

    /// <summary>The price table's charge for the tokens under <paramref name="modelName"/>; 0 for a model without a price.</summary>
    public static double Price(CostSettings settings, string modelName, long promptTokens, long completionTokens)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Prices.TryGetValue(modelName, out var p)
            ? promptTokens / 1e6 * p.InputPerMillion + completionTokens / 1e6 * p.OutputPerMillion
            : 0;
    }

    /// <summary>Carbon of <paramref name="joules"/>: kWh (3.6 MJ each) × the grid intensity.</summary>
    private static double Grams(double joules, CostSettings settings) => joules / 3.6e6 * settings.GridGco2PerKwh;
}
