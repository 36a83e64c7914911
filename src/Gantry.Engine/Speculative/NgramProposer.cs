using System.Runtime.InteropServices;
using Gantry.Engine.Scheduling;

namespace Gantry.Engine.Speculative;

/// <summary>
/// Prompt-lookup decoding: find the most recent earlier place where the sequence's last n tokens occurred (longest
/// n first) and propose the tokens that followed it. Free to run and very effective when the output copies spans
/// of the prompt (extraction, editing, summarising with quotes, code).
/// </summary>
public sealed class NgramProposer(int minN, int maxN) : IProposer
{
    public string Name => "ngram";

    public void Propose(IReadOnlyList<Sequence> sequences)
    {
        foreach (var seq in sequences) Propose(seq);
    }

    public void Forget(Sequence sequence) { }

    public void Dispose() { }

    private void Propose(Sequence seq)
    {
        seq.DraftTokens.Clear();
        var tokens = CollectionsMarshal.AsSpan(seq.Tokens);
        var k = seq.SpeculativeLength;
        if (k <= 0) return;
        for (var n = Math.Min(maxN, tokens.Length - 1); n >= minN; n--)
        {
            var suffix = tokens[^n..];
            // Latest earlier occurrence whose continuation exists; the suffix itself (at the end) is excluded.
            for (var start = tokens.Length - n - 1; start >= 0; start--)
            {
                if (!tokens.Slice(start, n).SequenceEqual(suffix)) continue;
                var from = start + n;
                var count = Math.Min(k, tokens.Length - from);
                for (var i = 0; i < count; i++) seq.DraftTokens.Add(tokens[from + i]);
                return;
            }
        }
    }
}
