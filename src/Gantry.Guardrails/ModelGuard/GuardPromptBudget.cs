namespace Gantry.Guardrails.ModelGuard;

/// <summary>
/// Fits a conversation into the guard model's context, counted in the guard's own tokens, leaving room for Llama
/// Guard's prompt template and its answer. A conversation that fits goes in whole. Otherwise the first turn (the
/// opening request that sets what the chat is about) and the judged last turn stay, then the newest turns between
/// them that still fit; the turns dropped from the middle are replaced by one marker turn (<see cref="OmittedTurns"/>).
/// A first or last turn too long on its own keeps its head and its tail around <see cref="CutMarker"/>. Cuts never
/// fall inside a surrogate pair, so no character (and so no UTF-8 sequence) is split. Pure; thread-safe.
/// </summary>
public static class GuardPromptBudget
{
    /// <summary>Where a turn too long to keep whole lost its middle.</summary>
    public const string CutMarker = " […] ";

    /// <summary>The text of the turn that stands in for the turns dropped from the middle.</summary>
    public static string OmittedTurns(int count) => $"[… {count} earlier message{(count == 1 ? "" : "s")} omitted …]";

    /// <summary>Tokens kept free for the seams between turns (<c>"User: "</c>, blank lines), which counting each text alone misses.</summary>
    private const int TurnOverhead = 6;

    /// <summary>How many times the fit is tightened when the built prompt still counts more tokens than the parts did.</summary>
    private const int Attempts = 4;

    /// <summary>
    /// <paramref name="conversation"/> as the guard can read it whole: at most <paramref name="contextTokens"/> tokens
    /// for the prompt <see cref="LlamaGuardPrompt.Build"/> makes of it plus <paramref name="answerTokens"/> for the
    /// answer. Throws <see cref="ArgumentException"/> when even the template alone does not fit (a model too small to be
    /// this guard, as the engine refuses a prompt longer than its context).
    /// </summary>
    public static IReadOnlyList<(GuardRole Role, string Text)> Fit(IReadOnlyList<(GuardRole Role, string Text)> conversation, GuardRole judged,
        Func<string, int> countTokens, int contextTokens, int answerTokens)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(countTokens);
        // The engine wants the prompt strictly shorter than the context, and room for the whole answer after it.
        var limit = (long)contextTokens - answerTokens - 1;
        if (countTokens(LlamaGuardPrompt.Build(conversation, judged)) <= limit) return conversation;
        var template = countTokens(LlamaGuardPrompt.Build([(judged, "")], judged));
        var budget = limit - template;
        for (var attempt = 0; attempt < Attempts && budget > 0; attempt++)
        {
            var fitted = FitTurns(conversation, countTokens, (int)Math.Min(budget, int.MaxValue));
            var total = countTokens(LlamaGuardPrompt.Build(fitted, judged));
            if (total <= limit) return fitted;
            budget -= total - limit + TurnOverhead;
        }
        throw new ArgumentException($"the guard model's context ({contextTokens} tokens) cannot hold its prompt template ({template} tokens) and a conversation");
    }

    /// <summary>The turns whose texts, with their seams, count at most <paramref name="budget"/> tokens.</summary>
    private static List<(GuardRole Role, string Text)> FitTurns(IReadOnlyList<(GuardRole Role, string Text)> turns, Func<string, int> count, int budget)
    {
        var n = turns.Count;
        if (n == 1) return [(turns[0].Role, Cut(turns[0].Text, count, budget - TurnOverhead))];
        var costs = new int[n];
        for (var i = 0; i < n; i++) costs[i] = count(turns[i].Text) + TurnOverhead;
        var marker = count(OmittedTurns(n)) + TurnOverhead;
        // The judged turn first, but never so greedily that the opening turn loses more than three quarters of the room.
        var firstShare = Math.Min(costs[0], budget / 4);
        var last = Cut(turns[^1].Text, count, Math.Min(costs[^1], budget - firstShare - marker) - TurnOverhead);
        var left = budget - (count(last) + TurnOverhead) - marker;
        var first = Cut(turns[0].Text, count, Math.Min(costs[0], left) - TurnOverhead);
        left -= count(first) + TurnOverhead;
        var middle = n - 1;
        while (middle > 1 && costs[middle - 1] <= left) left -= costs[--middle];
        var fitted = new List<(GuardRole Role, string Text)>(n - middle + 3) { (turns[0].Role, first) };
        if (middle > 1) fitted.Add((GuardRole.User, OmittedTurns(middle - 1)));
        for (var i = middle; i < n - 1; i++) fitted.Add(turns[i]);
        fitted.Add((turns[^1].Role, last));
        return fitted;
    }

    /// <summary>
    /// <paramref name="text"/>, or when it counts more than <paramref name="maxTokens"/> tokens its head and tail
    /// (equal shares of characters) around <see cref="CutMarker"/>, as much of them as fits (a binary search on the
    /// characters kept; token counts grow with the text, give or take a merge, and the result is checked).
    /// </summary>
    public static string Cut(string text, Func<string, int> count, int maxTokens)
    {
        if (count(text) <= maxTokens) return text;
        var best = CutMarker.Trim();
        if (count(best) > maxTokens) return "";
        int low = 0, high = text.Length; // kept characters: low fits, high does not
        while (high - low > 1)
        {
            var mid = low + (high - low) / 2;
            var candidate = HeadAndTail(text, mid);
            if (count(candidate) <= maxTokens)
            {
                low = mid;
                best = candidate;
            }
            else
            {
                high = mid;
            }
        }
        return best;
    }

    /// <summary>About <paramref name="kept"/> characters of <paramref name="text"/>: its head and tail around the marker,
    /// each end moved off the middle of a surrogate pair.</summary>
    internal static string HeadAndTail(string text, int kept)
    {
        var head = kept - kept / 2;
        var tailStart = text.Length - kept / 2;
        if (head > 0 && head < text.Length && char.IsLowSurrogate(text[head])) head--; // would end after a high surrogate
        if (tailStart > 0 && tailStart < text.Length && char.IsLowSurrogate(text[tailStart])) tailStart++;
        return string.Concat(text.AsSpan(0, head), CutMarker, text.AsSpan(tailStart));
    }
}
