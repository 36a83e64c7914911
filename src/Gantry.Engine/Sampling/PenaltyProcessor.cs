namespace Gantry.Engine.Sampling;

/// <summary>
/// Repetition, frequency and presence penalties for tokens in the recent window (llama.cpp semantics).
/// For a token seen <c>count</c> times:
/// <code>
///   logit = logit &gt; 0 ? logit / repetition : logit * repetition   // dividing a negative logit would raise it
///   logit -= count * frequency + (count &gt; 0 ? presence : 0)       // OpenAI's formula
/// </code>
/// Runs first, on the whole vocabulary, so costs O(distinct tokens in the window) there.
/// </summary>
public sealed class PenaltyProcessor(TokenHistory history, float repetition, float frequency, float presence)
    : ILogitsProcessor
{
    public string Name => "penalties";

    public void Apply(CandidateSet candidates)
    {
        if (history.DistinctCount == 0)
            return;
        var items = candidates.Items;
        if (candidates.IsIdentityOrder)
        {
            foreach (var (tokenId, count) in history)
                Penalize(ref items[tokenId].Logit, count);
        }
        else
        {
            foreach (ref var c in items)
            {
                int count = history.CountOf(c.Id);
                if (count > 0)
                    Penalize(ref c.Logit, count);
            }
        }
        candidates.MarkLogitsChanged();
    }

    private void Penalize(ref float logit, int count)
    {
        logit = logit > 0f ? logit / repetition : logit * repetition;
        logit -= count * frequency + presence;
    }
}
