namespace Gantry.Models.Lora;

/// <summary>One delta with the factor it is applied with.</summary>
public readonly record struct LoraTerm(LoraWeights Weights, float Scale);

/// <summary>
/// The adapters one sequence runs with, each at a user scale (one adapter at 1 for a served request; several for
/// <c>gantry generate --lora A --lora B:0.5</c>). Sequences that hold the same instance form one group in the
/// batched forward, so callers should reuse one set per adapter choice. Terms are flattened per (layer, target) at
/// construction so the forward pass only indexes.
/// </summary>
public sealed class LoraSet
{
    private readonly LoraTerm[][] _terms; // (layers × targets) → the deltas to add there, usually 0 or 1

    public LoraSet(IReadOnlyList<(LoraAdapter Adapter, float Scale)> adapters)
    {
        if (adapters.Count == 0) throw new ArgumentException("a LoRA set needs at least one adapter", nameof(adapters));
        var shape = adapters[0].Adapter.BaseShape;
        foreach (var (a, _) in adapters)
            if (!ReferenceEquals(a.BaseShape, shape)) throw new LoraAdapterException($"adapter '{a.Name}' was loaded for another base model than '{adapters[0].Adapter.Name}'");
        Adapters = adapters.ToArray();
        BaseShape = shape;
        _terms = new LoraTerm[shape.LayerCount * LoraTargets.Count][];
        for (var l = 0; l < shape.LayerCount; l++)
        {
            for (var t = 0; t < LoraTargets.Count; t++)
            {
                var terms = new List<LoraTerm>();
                foreach (var (a, scale) in adapters)
                    if (a.Weights(l, (LoraTarget)t) is { } w) terms.Add(new LoraTerm(w, a.Scale(w.Rank, scale)));
                _terms[l * LoraTargets.Count + t] = terms.ToArray();
            }
        }
        // FNV-1a over (adapter id, scale bits): equal keys mean the same loaded adapters at the same scales.
        var h = 0xCBF29CE484222325UL;
        foreach (var (a, scale) in adapters)
        {
            h = (h ^ (ulong)a.Id) * 0x100000001B3UL;
            h = (h ^ BitConverter.SingleToUInt32Bits(scale)) * 0x100000001B3UL;
        }
        CacheKey = h == 0 ? 1 : h;
    }

    /// <summary>A set of one adapter at scale 1.</summary>
    public LoraSet(LoraAdapter adapter) : this([(adapter, 1f)]) { }

    public IReadOnlyList<(LoraAdapter Adapter, float Scale)> Adapters { get; }

    public LoraBaseShape BaseShape { get; }

    /// <summary>Non-zero key that salts the prefix cache: K/V computed under these adapters differ from the base's.</summary>
    public ulong CacheKey { get; }

    public ReadOnlySpan<LoraTerm> Terms(int layer, LoraTarget target) => _terms[layer * LoraTargets.Count + (int)target];
}
