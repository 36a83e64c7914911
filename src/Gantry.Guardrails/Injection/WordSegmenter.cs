namespace Gantry.Guardrails.Injection;

/// <summary>
/// Puts word breaks back into a run of letters that was spelled out with separators and lost its spaces
/// ("d.i.s.r.e.g.a.r.d.a.l.l.r.u.l.e.s" joins to "disregardallrules" → "disregard all rules"), so the words
/// the model knows are whole again. Dynamic programming over a small vocabulary (common English function words
/// and the English concept words of <see cref="LexiconEnglish"/>): fewest words, each unknown letter costing
/// more than a word. Returns the run unchanged when the vocabulary covers less than four fifths of it.
/// </summary>
internal static class WordSegmenter
{
    private const int LongestWord = 16;

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Vocabulary = BuildVocabulary();

    private static HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BuildVocabulary()
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "a", "i", "an", "the", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "from", "by", "as",
            "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "all", "any",
            "every", "you", "your", "me", "my", "we", "our", "us", "he", "she", "they", "them", "their", "what", "who",
            "now", "then", "here", "there", "not", "no", "do", "does", "did", "done", "have", "has", "had", "will",
            "would", "can", "could", "should", "must", "say", "tell", "told", "give", "given", "gave", "show", "print",
            "reveal", "output", "reply", "answer", "write", "send", "make", "take", "read", "follow", "obey", "stop",
            "start", "only", "just", "each", "word", "words", "text", "user", "users", "password", "secret", "key",
            "keys", "data", "hidden", "above", "below", "before", "after", "earlier", "previous", "prior", "first",
            "new", "mode", "free", "admin", "root", "access", "grant", "delete", "files", "file", "email", "mail",
            "hacked", "pwned", "been", "everything", "anything", "nothing", "instructions", "instruction", "rules",
            "rule", "system", "prompt", "message", "messages", "guidelines", "policy", "restrictions", "limits",
            "filters", "ignore", "disregard", "forget", "override", "bypass", "disable", "enable", "unlock",
            "pretend", "act", "become", "role", "dan", "jailbreak", "developer", "configuration", "setup", "confidential",
            "repeat", "verbatim", "copy", "dump", "leak", "exfiltrate", "forward", "link", "click", "visit", "url",
            "assistant", "ai", "model", "bot", "chatbot", "conversation", "chat", "history", "context", "task",
            "summary", "summarize", "translate", "instead", "rather", "than", "so", "if", "when", "while", "until",
            "never", "always", "again", "also", "too", "very", "more", "most", "less", "one", "two", "three",
            "drop", "remove", "share", "post", "upload", "download", "run", "execute", "open", "close", "approve",
            "reject", "grant", "safe", "safety", "off", "out", "up", "down", "over", "under", "about", "into",
        };
        foreach (var (_, entries) in LexiconEnglish.Entries)
            foreach (var w in entries.Split('|'))
                if (w.Length is > 1 and <= LongestWord && w.All(char.IsAsciiLetter)) words.Add(w);
        return words.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Whether <paramref name="word"/> (any case) is in the vocabulary: the unlabelled Caesar decoder
    /// (<see cref="CipherDecoders"/>) counts known words to find a shift.</summary>
    public static bool IsKnown(ReadOnlySpan<char> word) => Vocabulary.Contains(word);

    /// <summary>The run with spaces between the words found, or the run itself.</summary>
    public static string Segment(string run)
    {
        var n = run.Length;
        if (n < 10 || n > 256) return run;
        var lower = run.ToLowerInvariant();
        var cost = new int[n + 1];
        var from = new int[n + 1];
        var known = new bool[n + 1];
        Array.Fill(cost, int.MaxValue);
        cost[0] = 0;
        for (var end = 1; end <= n; end++)
        {
            // An unknown letter on its own costs 3; a known word costs 1.
            if (cost[end - 1] != int.MaxValue && cost[end - 1] + 3 < cost[end]) { cost[end] = cost[end - 1] + 3; from[end] = end - 1; known[end] = false; }
            for (var start = Math.Max(0, end - LongestWord); start < end - 1; start++)
            {
                if (cost[start] == int.MaxValue || cost[start] + 1 >= cost[end]) continue;
                if (!Vocabulary.Contains(lower.AsSpan(start, end - start))) continue;
                cost[end] = cost[start] + 1;
                from[end] = start;
                known[end] = true;
            }
        }
        var pieces = new List<string>();
        var covered = 0;
        for (var at = n; at > 0; at = from[at])
        {
            pieces.Add(run[from[at]..at]);
            if (known[at]) covered += at - from[at];
        }
        if (covered * 5 < n * 4) return run;
        pieces.Reverse();
        return string.Join(' ', pieces);
    }
}
