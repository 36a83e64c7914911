using Gantry.Models.Gguf;
using Gantry.Models.Synthesis;

namespace Gantry.Cli.Bench;

/// <summary>
/// The prompt of the copying workload (<c>--workload copying</c>), built from token ids, not text, so it reaches the
/// model exactly as written (a copy prompt written as text did not re-tokenise into the ids a synthetic model follows).
/// Layout: [BOS] unrelated run · span · unrelated run · cue, where the cue is the span's first few tokens, i.e. "now
/// repeat it", as in quoting, editing or answering from a retrieved passage. For a model built to follow a next-token
/// map (<c>gantry synth --follow-map S --map-cycle N</c>, the map stored in the file) the span is one whole cycle of
/// the map through a seeded start token (and its first few tokens again), so every token the model writes after the cue repeats a stretch of the prompt
/// by construction; for any other model the span is random tokens, which a trained model's induction copies.
/// </summary>
internal static class CopyingPrompt
{
    /// <summary>Longest cue; shorter when the span is short (at most half of it).</summary>
    public const int CueTokens = 8;

    /// <summary>Fewest tokens in each unrelated run.</summary>
    public const int MinRunTokens = 4;

    /// <summary>Reads the map stored in the model file (if any) and builds the prompt.</summary>
    public static CopyingPromptParts ForModel(string modelPath, int vocabSize, int? bos, int promptTokens, ulong seed)
    {
        NextTokenMap? map;
        using (var file = GgufFile.Open(modelPath))
        {
            try
            {
                map = NextTokenMap.Read(file.Metadata, vocabSize);
            }
            catch (ArgumentException e)
            {
                throw new CliUsageException($"--workload copying: {modelPath}: {e.Message}");
            }
        }
        return Build(map, vocabSize, bos, promptTokens, seed);
    }

    /// <param name="map">The map the model follows, or null (the span is then random tokens).</param>
    /// <param name="bos">The id to start with when the model's tokenizer adds BOS, else null.</param>
    /// <param name="promptTokens">Total prompt length (<c>--prompt-tokens</c>).</param>
    public static CopyingPromptParts Build(NextTokenMap? map, int vocabSize, int? bos, int promptTokens, ulong seed)
    {
        var head = bos is null ? 0 : 1;
        // Room for the span: the rest holds two unrelated runs, the cue and (for a cycle) the span's wrap-around.
        var budget = promptTokens - head - 2 * MinRunTokens - 2 * CueTokens;
        if (budget < 4)
            throw new CliUsageException($"--prompt-tokens must be at least {head + 2 * MinRunTokens + 2 * CueTokens + 4} for the copying workload (got {promptTokens})");
        var rng = new Random(unchecked((int)(seed ^ (seed >> 32))));
        // Ids below 3 are control tokens (unknown, BOS, EOS) in Llama-family vocabularies, as in RandomPrompts.
        int Ordinary() => 3 + rng.Next(Math.Max(1, vocabSize - 3));
        var span = map is null ? Enumerable.Range(0, budget / 2).Select(_ => Ordinary()).ToArray() : CycleSpan(map, budget, Ordinary);
        var wholeCycle = map is not null && map.Next[span[^1]] == span[0];
        var cycleLength = wholeCycle ? span.Length : 0;
        // A whole cycle is written once and a bit, as the model writes it: its last step (back to the first token) is
        // then in the prompt too, and a draft copied from the span's end runs on into the next cycle instead of
        // into the unrelated run after it.
        if (wholeCycle) span = [.. span, .. span.AsSpan(0, Math.Min(CueTokens, span.Length))];
        var cue = Math.Max(1, Math.Min(CueTokens, span.Length / 2));
        var inSpan = span.ToHashSet();
        // Unrelated runs share no token with the span, so the only earlier match of the cue is the span itself.
        int Unrelated()
        {
            for (var i = 0; i < 64; i++)
            {
                var t = Ordinary();
                if (!inSpan.Contains(t)) return t;
            }
            return Ordinary(); // a vocabulary the span nearly fills: a shared token only shortens a match
        }
        var rest = promptTokens - head - span.Length - cue;
        var first = rest / 2;
        var tokens = new List<int>(promptTokens);
        if (bos is { } b) tokens.Add(b);
        for (var i = 0; i < first; i++) tokens.Add(Unrelated());
        var spanStart = tokens.Count;
        tokens.AddRange(span);
        for (var i = 0; i < rest - first; i++) tokens.Add(Unrelated());
        tokens.AddRange(span.AsSpan(0, cue));
        return new CopyingPromptParts([.. tokens], spanStart, span.Length, cue, map is not null, cycleLength);
    }

    /// <summary>
    /// The whole cycle through a seeded start token, trying a few starts for one that fits the budget (with
    /// <c>--map-cycle N</c> the last cycle also holds the remainder, so it can be longer than N). With no cycle that
    /// fits (a map made without <c>--map-cycle</c>) the walk is cut at the budget, and the model's continuation then
    /// leaves the prompt after the span's end.
    /// </summary>
    private static int[] CycleSpan(NextTokenMap map, int budget, Func<int> start)
    {
        var span = map.Walk(start(), budget);
        for (var i = 0; i < 16 && map.Next[span[^1]] != span[0]; i++) span = map.Walk(start(), budget);
        return span;
    }
}

/// <param name="Tokens">The prompt.</param>
/// <param name="SpanStart">Index of the span's first token in <paramref name="Tokens"/>.</param>
/// <param name="FromMap">Whether the span follows the model's stored next-token map (else random tokens).</param>
/// <param name="CycleLength">The length of the map's cycle the span holds whole (then the model's continuation stays in
/// the prompt however long it runs); 0 when it holds no whole cycle.</param>
internal sealed record CopyingPromptParts(int[] Tokens, int SpanStart, int SpanLength, int CueLength, bool FromMap, int CycleLength)
{
    public bool WholeCycle => CycleLength > 0;
}
