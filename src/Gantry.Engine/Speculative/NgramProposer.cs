namespace Gantry.Engine.Speculative;

/// <summary>
/// Prompt-lookup decoding: find the most recent earlier place where the sequence's last n tokens occurred (longest
/// n first) and propose the tokens that followed it. Free to run and very effective when the output copies spans
/// of the prompt (extraction, editing, summarising with quotes, code).
/// </summary>
public sealed class NgramProposer(int minN, int maxN) : IProposer
{
    public string Name => "ngram";

    public void Propose(IReadOnlyList<DraftProposal> proposals)
    {
        foreach (var proposal in proposals) Propose(proposal);
    }

    public void Forget(long sequenceId) { }

    public void Dispose() { }

    private void Propose(DraftProposal proposal)
    {
        var k = proposal.NumTokens;
        if (k <= 0) return;
        var tokens = proposal.Sequence.TokenSpan;
        var end = FindMatchEnd(tokens, minN, maxN);
        if (end < 0) return;
        // The continuation may run into the sequence's own end: the match then lies `period` tokens back, and a
        // text that repeated itself once is drafted as repeating on (each draft token copies the one `period`
        // earlier, drafts included), so self-repeating output gets k drafts a step, not the few that exist.
        var from = end + 1;
        var period = tokens.Length - from;
        for (var i = 0; i < k; i++)
            proposal.Tokens.Add(i < period ? tokens[from + i] : proposal.Tokens[i - period]);
    }

    /// <summary>
    /// The end index of the latest earlier occurrence of the longest suffix of <paramref name="tokens"/> (between
    /// <paramref name="minN"/> and <paramref name="maxN"/> tokens) that has a continuation; -1 if none. One backward
    /// pass: every position holding the last token is a candidate, its match length counted backwards. This runs for
    /// every decoding sequence every step, so it must stay linear (a pass per n cost tens of microseconds at a few
    /// hundred tokens, a tenth of a small model's step).
    /// </summary>
    internal static int FindMatchEnd(ReadOnlySpan<int> tokens, int minN, int maxN)
    {
        var length = tokens.Length;
        if (length < 2) return -1;
        var last = tokens[length - 1];
        var bestEnd = -1;
        var bestLength = 0;
        for (var end = length - 2; end >= 0; end--)
        {
            if (tokens[end] != last) continue;
            var cap = Math.Min(maxN, end + 1);
            var n = 1;
            while (n < cap && tokens[end - n] == tokens[length - 1 - n]) n++;
            if (n <= bestLength) continue; // a later occurrence of the same length already won
            bestEnd = end;
            bestLength = n;
            if (n == maxN) break;
        }
        return bestLength >= minN ? bestEnd : -1;
    }
}
