namespace Gantry.Models.Synthesis;

/// <summary>
/// A deterministic SentencePiece-style vocabulary of any size: the three control tokens, 256 byte-fallback
/// tokens, then letters and letter pairs and triples with and without the "▁" word marker, scored so shorter and
/// earlier pieces merge first. Real text tokenizes into it sensibly and every byte sequence is covered.
/// </summary>
public static class SyntheticVocabulary
{
    public const int Unknown = 0, Bos = 1, Eos = 2;

    // llama.cpp token types: 1 normal, 2 unknown, 3 control, 6 byte.
    public static (string[] Tokens, float[] Scores, int[] Types) Build(int size)
    {
        if (size < 300) throw new ArgumentOutOfRangeException(nameof(size), "a synthetic vocabulary needs at least 300 tokens");
        var tokens = new List<string>(size) { "<unk>", "<s>", "</s>" };
        var types = new List<int>(size) { 2, 3, 3 };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(6);
        }
        var seen = new HashSet<string>(tokens);
        foreach (var piece in Pieces())
        {
            if (tokens.Count == size) break;
            if (!seen.Add(piece)) continue;
            tokens.Add(piece);
            types.Add(1);
        }
        if (tokens.Count < size) throw new ArgumentOutOfRangeException(nameof(size), $"at most {tokens.Count} synthetic tokens are available");
        var scores = new float[size];
        for (var i = 0; i < size; i++) scores[i] = types[i] == 1 ? -i : 0f;
        return (tokens.ToArray(), scores, types.ToArray());
    }

    private static IEnumerable<string> Pieces()
    {
        const string letters = "etaoinshrdlucmfwypvbgkjqxz";
        const string symbols = "ETAOINSHRDLUCMFWYPVBGKJQXZ0123456789.,!?'\"-:;()";
        yield return "▁";
        foreach (var c in letters) yield return c.ToString();
        foreach (var c in symbols) yield return c.ToString();
        foreach (var c in letters) yield return "▁" + c;
        foreach (var c in symbols) yield return "▁" + c;
        foreach (var a in letters)
        foreach (var b in letters)
        {
            yield return $"{a}{b}";
            yield return $"▁{a}{b}";
        }
        foreach (var a in letters)
        foreach (var b in letters)
        foreach (var c in letters)
        {
            yield return $"{a}{b}{c}";
            yield return $"▁{a}{b}{c}";
        }
        // Four-letter pieces come last, so smaller vocabularies keep their ids; they let real 150k–262k vocabularies
        // (Qwen, Gemma) be synthesized at their published sizes.
        foreach (var a in letters)
        foreach (var b in letters)
        foreach (var c in letters)
        foreach (var d in letters)
        {
            yield return $"{a}{b}{c}{d}";
            yield return $"▁{a}{b}{c}{d}";
        }
    }
}
