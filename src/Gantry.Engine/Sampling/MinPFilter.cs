namespace Gantry.Engine.Sampling;

/// <summary>
/// Keeps candidates whose probability is at least minP times the best one's. In logits that is
/// <c>logit &gt;= maxLogit + ln(minP)</c>, so no softmax is needed. Compacts in place, keeping order
/// (a sorted set stays sorted); the best candidate always survives. minP &lt;= 0: no-op.
/// </summary>
public sealed class MinPFilter(float minP) : ILogitsProcessor
{
    public string Name => "min-p";

    public float MinP { get; } = minP;

    public void Apply(CandidateSet candidates)
    {
        if (MinP <= 0f || candidates.Count == 1)
            return;
        float max = Softmax.MaxLogit(candidates);
        if (!float.IsFinite(max))
            return;
        float threshold = max + MathF.Log(MinP);
        var items = candidates.Items;
        int kept = 0;
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i].Logit >= threshold)
                items[kept++] = items[i];
        }
        candidates.Truncate(kept);
    }
}
