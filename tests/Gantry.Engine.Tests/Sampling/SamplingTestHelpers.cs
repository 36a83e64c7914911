using Gantry.Engine.Sampling;

namespace Gantry.Engine.Tests.Sampling;

/// <summary>Runs single processors on hand-made logits and float64 references to check them against.</summary>
internal static class SamplingTestHelpers
{
    public static CandidateSet Load(params float[] logits)
    {
        var set = new CandidateSet(logits.Length);
        set.Reset(logits);
        return set;
    }

    /// <summary>Ids left after applying <paramref name="stage"/>, ascending (the set, whatever its order).</summary>
    public static int[] KeptIds(ILogitsProcessor stage, params float[] logits)
    {
        var set = Load(logits);
        stage.Apply(set);
        return [.. set.Items.ToArray().Select(c => c.Id).Order()];
    }

    /// <summary>Reference order: logit descending, id ascending.</summary>
    public static Candidate[] SortedReference(IEnumerable<Candidate> items) =>
        [.. items.OrderByDescending(c => c.Logit).ThenBy(c => c.Id)];

    public static float[] RandomLogits(Random rng, int n, float scale = 4f)
    {
        var logits = new float[n];
        for (int i = 0; i < n; i++)
            logits[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        return logits;
    }

    public static double[] SoftmaxReference(float[] logits)
    {
        double max = logits.Max();
        var e = logits.Select(l => Math.Exp(l - max)).ToArray();
        double sum = e.Sum();
        return [.. e.Select(x => x / sum)];
    }
}
