using System.Diagnostics;
using System.Numerics.Tensors;

namespace Gantry.Engine.Sampling;

/// <summary>
/// Log-probabilities of the model's raw distribution: <c>logprob(i) = logit(i) - logsumexp(logits)</c> over
/// the whole vocabulary, before penalties, filters or temperature (what OpenAI's <c>logprobs</c> report).
/// </summary>
internal static class LogProbs
{
    /// <summary>
    /// ln(sum(exp(logits))), shifted by the max for stability and summed in double. NaN logits count as
    /// -inf, as in sampling. Returns -inf when every logit is -inf.
    /// </summary>
    public static double LogSumExp(ReadOnlySpan<float> logits, Span<float> scratch)
    {
        Debug.Assert(scratch.Length >= logits.Length);
        float max = TensorPrimitives.Max(logits); // NaN if any logit is NaN
        if (float.IsNaN(max))
            return LogSumExpIgnoringNaN(logits);
        if (float.IsNegativeInfinity(max))
            return double.NegativeInfinity;
        var exps = scratch[..logits.Length];
        TensorPrimitives.Subtract(logits, max, exps);
        TensorPrimitives.Exp(exps, exps);
        double sum = 0;
        foreach (float e in exps)
            sum += e;
        return max + Math.Log(sum);
    }

    /// <summary>The log-probability of one logit given the log-sum-exp; -inf for a -inf or NaN logit.</summary>
    public static float Of(float logit, double logSumExp) =>
        float.IsNaN(logit) || float.IsNegativeInfinity(logit) ? float.NegativeInfinity : (float)(logit - logSumExp);

    /// <summary>
    /// Fills <paramref name="top"/> with the top.Length highest logits, descending, ties to the lower id,
    /// as (id, logit) pairs. Insertion into a small sorted list: O(V) for the few (&lt;= 20) entries asked for,
    /// since most logits lose to the current last entry after one comparison.
    /// </summary>
    public static void SelectTop(ReadOnlySpan<float> logits, Span<TokenLogProb> top)
    {
        int k = top.Length;
        if (k == 0)
            return;
        int filled = 0;
        for (int id = 0; id < logits.Length; id++)
        {
            float l = float.IsNaN(logits[id]) ? float.NegativeInfinity : logits[id];
            // Ids arrive ascending, so an equal logit never displaces an earlier (lower) id: strict '>'.
            if (filled == k && !(l > top[k - 1].LogProb))
                continue;
            int pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && l > top[pos - 1].LogProb)
            {
                top[pos] = top[pos - 1];
                pos--;
            }
            top[pos] = new TokenLogProb(id, l);
        }
    }

    private static double LogSumExpIgnoringNaN(ReadOnlySpan<float> logits)
    {
        float max = float.NegativeInfinity;
        foreach (float l in logits)
            if (l > max) max = l; // false for NaN
        if (float.IsNegativeInfinity(max))
            return double.NegativeInfinity;
        double sum = 0;
        foreach (float l in logits)
            if (!float.IsNaN(l)) sum += Math.Exp(l - max);
        return max + Math.Log(sum);
    }
}
