using Gantry.Models.Tokenizers;

namespace Gantry.Models.Tests.Tokenizers;

/// <summary>Small hand-made vocabularies whose expected tokenizations can be worked out on paper.</summary>
internal static class TestVocabularies
{
    public const int Unk = 0, Bos = 1, Eos = 2, FirstByte = 3; // <0x00> is id 3, <0xNN> is 3 + NN

    /// <summary>
    /// SentencePiece: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, 256 byte tokens, then <paramref name="pieces"/> with their scores.
    /// </summary>
    public static TokenizerData SpmData(params (string Text, float Score)[] pieces) => SpmData(null, pieces);

    public static TokenizerData SpmData(Action<List<(string, float, GgufTokenType)>>? extra, params (string Text, float Score)[] pieces)
    {
        var entries = new List<(string Text, float Score, GgufTokenType Type)>
        {
            ("<unk>", 0, GgufTokenType.Unknown), ("<s>", 0, GgufTokenType.Control), ("</s>", 0, GgufTokenType.Control),
        };
        for (var b = 0; b < 256; b++) entries.Add(($"<0x{b:X2}>", 0, GgufTokenType.Byte));
        foreach (var (text, score) in pieces) entries.Add((text, score, GgufTokenType.Normal));
        extra?.Invoke(entries);
        return new TokenizerData
        {
            Model = "llama",
            Tokens = entries.Select(e => e.Text).ToArray(),
            Scores = entries.Select(e => e.Score).ToArray(),
            TokenTypes = entries.Select(e => (int)e.Type).ToArray(),
        };
    }

    /// <summary>
    /// Byte-level BPE: the 256 single-byte tokens in byte order (id = byte), then one token per
    /// merge result in merge order, then &lt;|endoftext|&gt;. Merges are given in plain text ("a b").
    /// </summary>
    public static TokenizerData BpeData(string pre, params string[] plainMerges)
    {
        var tokens = Enumerable.Range(0, 256).Select(b => ByteLevelString([(byte)b])).ToList();
        var merges = new List<string>();
        foreach (var merge in plainMerges)
        {
            var space = merge.IndexOf(' ', 1);
            var left = ByteLevelString(System.Text.Encoding.UTF8.GetBytes(merge[..space]));
            var right = ByteLevelString(System.Text.Encoding.UTF8.GetBytes(merge[(space + 1)..]));
            merges.Add(left + " " + right);
            if (!tokens.Contains(left + right)) tokens.Add(left + right);
        }
        tokens.Add("<|endoftext|>");
        var types = Enumerable.Repeat((int)GgufTokenType.Normal, tokens.Count).ToArray();
        types[^1] = (int)GgufTokenType.Control;
        return new TokenizerData
        {
            Model = "gpt2",
            Pre = pre,
            Tokens = tokens.ToArray(),
            TokenTypes = types,
            Merges = merges.ToArray(),
            BosId = tokens.Count - 1,
            EosId = tokens.Count - 1,
        };
    }

    /// <summary>GPT-2's byte-level spelling of some bytes (space → Ġ, newline → Ċ).</summary>
    public static string ByteLevelString(ReadOnlySpan<byte> bytes)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var b in bytes) sb.Append(Gantry.Models.Tokenizers.Bpe.ByteLevel.ToChar(b));
        return sb.ToString();
    }

    public static int IdOf(this ITokenizer tokenizer, string text)
    {
        for (var id = 0; id < tokenizer.VocabSize; id++)
            if (tokenizer.TokenText(id) == text) return id;
        throw new KeyNotFoundException(text);
    }

    public static string[] Texts(this ITokenizer tokenizer, IEnumerable<int> ids) => ids.Select(tokenizer.TokenText).ToArray();
}
