namespace Gantry.Models.Lora;

/// <summary>
/// A loaded LoRA adapter: for some (layer, target) pairs of its base model a low-rank delta, applied at run time as
/// <c>y += scale · B·(A·x)</c> with <c>scale = alpha / rank</c> (or 1 when the file gives no alpha), as llama.cpp does.
/// Immutable once built, so any number of sequences and threads may share it.
/// </summary>
public sealed class LoraAdapter
{
    private static long s_nextId;
    private readonly LoraWeights?[] _weights; // (layers × targets) null where the adapter leaves the base alone

    public LoraAdapter(string name, LoraBaseShape baseShape, float alpha, LoraWeights?[] weights)
    {
        if (weights.Length != baseShape.LayerCount * LoraTargets.Count)
            throw new ArgumentException($"weights needs one slot per layer and target ({baseShape.LayerCount}×{LoraTargets.Count})", nameof(weights));
        Name = name;
        BaseShape = baseShape;
        Alpha = alpha;
        _weights = weights;
        Id = Interlocked.Increment(ref s_nextId);
        foreach (var w in weights)
        {
            if (w is null) continue;
            Rank = Math.Max(Rank, w.Rank);
            ParameterCount += (long)w.Rank * (w.Inputs + w.Outputs);
            DeltaCount++;
        }
    }

    public string Name { get; }

    /// <summary>Process-unique id, new for every load: it keys the prefix cache, so a reloaded file never meets stale blocks.</summary>
    public long Id { get; }

    /// <summary>The base the adapter was checked against; it runs only on a model of this shape.</summary>
    public LoraBaseShape BaseShape { get; }

    /// <summary><c>adapter.lora.alpha</c>; 0 when the file had none (then the scale is 1).</summary>
    public float Alpha { get; }

    /// <summary>The largest rank of any delta.</summary>
    public int Rank { get; }

    public long ParameterCount { get; }

    /// <summary>Matrices with a delta.</summary>
    public int DeltaCount { get; }

    public LoraWeights? Weights(int layer, LoraTarget target) => _weights[layer * LoraTargets.Count + (int)target];

    /// <summary>The factor llama.cpp puts on a delta of rank <paramref name="rank"/> at user scale <paramref name="userScale"/>.</summary>
    public float Scale(int rank, float userScale = 1f) => Alpha != 0 ? userScale * Alpha / rank : userScale;
}
