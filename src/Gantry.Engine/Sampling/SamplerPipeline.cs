namespace Gantry.Engine.Sampling;

/// <summary>The one place where the default processor order is decided.</summary>
internal static class SamplerPipeline
{
    /// <summary>
    /// Order (llama.cpp's default chain, minus the samplers we do not offer):
    /// <list type="number">
    /// <item>penalties: on the raw logits, so a repeated token is pushed down before anything ranks it;</item>
    /// <item>top-k: cheapest cut, shrinks 150k candidates to k before any softmax;</item>
    /// <item>top-p: nucleus of the (top-k) distribution at temperature 1;</item>
    /// <item>min-p: relative cut against the best survivor;</item>
    /// <item>temperature: reshapes only what survived, so the filters judge the model's own distribution;</item>
    /// </list>
    /// then the sampler draws (or, at temperature 0, takes the argmax after penalties alone: the filters
    /// never remove the argmax, so running them would change nothing). Stages that would be no-ops
    /// are left out. A constraint (grammar mask) goes first of all, so every later stage, the argmax included, only
    /// sees tokens that keep the text valid.
    /// </summary>
    public static ILogitsProcessor[] Build(SamplingParams p, TokenHistory? history, ITokenConstraint? constraint = null)
    {
        var stages = new List<ILogitsProcessor>(6);
        if (constraint is not null)
            stages.Add(constraint);
        if (history is not null && p.HasPenalties)
            stages.Add(new PenaltyProcessor(history, p.RepetitionPenalty, p.FrequencyPenalty, p.PresencePenalty));
        if (!p.IsGreedy)
        {
            if (p.TopK > 0)
                stages.Add(new TopKFilter(p.TopK));
            if (p.TopP < 1f)
                stages.Add(new TopPFilter(p.TopP));
            if (p.MinP > 0f)
                stages.Add(new MinPFilter(p.MinP));
            if (p.Temperature != 1f)
                stages.Add(new TemperatureScaler(p.Temperature));
        }
        return [.. stages];
    }
}
