using System.Text;
using Gantry.Models.Gguf;
using Gantry.Models.Tokenizers;
using Gantry.TestSupport;

namespace Gantry.Oracle.Tests.Tokenization;

/// <summary>
/// <c>tokenizer.ggml.model = gemma4</c> (llama.cpp's <c>LLAMA_VOCAB_PRE_TYPE_GEMMA4</c>: SentencePiece-style BPE over
/// code points, spaces as ▁, newline-run splitting, &lt;0xXX&gt; byte fallback, BOS always added) on a vocabulary
/// made from GPT-2's real one (<see cref="Gemma4Oracle"/>), against llama.cpp loading the same file: the splitting
/// suite of <see cref="PreTokenizerOracleTests{TFixture}"/> plus decoding.
/// </summary>
public sealed class Gemma4PreTests(Gemma4Oracle oracle) : PreTokenizerOracleTests<Gemma4Oracle>(oracle), IClassFixture<Gemma4Oracle>
{
    private readonly Gemma4Oracle fixture = oracle;

    [Theory]
    [MemberData(nameof(TrickyStrings.Names), MemberType = typeof(TrickyStrings))]
    public void Decode_TrickyString_MatchesLlamaCppDetokenize(string name)
    {
        var text = TrickyStrings.Cases[name];
        foreach (var (addSpecial, parseSpecial) in new[] { (false, false), (true, true) })
        {
            var ids = fixture.LlamaCpp.Tokenize(text, addSpecial, parseSpecial);
            Assert.Equal(fixture.LlamaCpp.Detokenize(ids), fixture.Gantry.DecodeUtf8(ids));
            Assert.Equal(fixture.LlamaCpp.Detokenize(ids, unparseSpecial: true), fixture.Gantry.DecodeUtf8(ids, renderSpecial: true));
        }
    }

    [Fact]
    public void Vocabulary_SpecialIdsAndAddBos_MatchLlamaCpp()
    {
        Assert.Equal(fixture.LlamaCpp.Bos, fixture.Gantry.BosId);
        Assert.Equal(fixture.LlamaCpp.Eos, fixture.Gantry.EosId);
        Assert.True(fixture.LlamaCpp.AddBos);
        Assert.Equal(fixture.LlamaCpp.AddBos, fixture.Gantry.AddBos);
    }

    [Fact]
    public void Encode_SpacesNewlinesAndBytes_UseTheirTokens()
    {
        // ▁-words, a newline run that is one token, and 𝔸, which is no token, through its <0xXX> bytes.
        const string text = "hello world\n\nh\U0001D538";
        var ids = fixture.Gantry.Encode(text, addSpecial: false, parseSpecial: false);
        Assert.Equal(fixture.LlamaCpp.Tokenize(text, false, false), ids);
        Assert.Contains(ids, id => fixture.Gantry.TokenText(id) == "\u2581world");
        Assert.Contains(ids, id => fixture.Gantry.TokenText(id) == "\n\n");
        Assert.Contains(ids, id => fixture.Gantry.TokenText(id) == "<0xF0>");
    }
}

/// <summary>
/// GPT-2's vocabulary rewritten the way Gemma 4's is stored: each token's bytes as UTF-8 text with spaces as ▁
/// (tokens that are not whole UTF-8, or hold NUL, become unreachable placeholders, and merges through them are dropped), 256
/// <c>&lt;0xXX&gt;</c> byte tokens, and &lt;pad&gt; &lt;eos&gt; &lt;bos&gt; &lt;unk&gt; control tokens.
/// </summary>
public sealed class Gemma4Oracle() : TokenizerOracleFixture(Write(out var file), file)
{
    private static string Write(out TempFile file)
    {
        var gpt2 = TiktokenGguf.Gpt2;
        var fromByteLevel = ByteLevelDecoder();
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var tokens = new List<string> { "<pad>", "<eos>", "<bos>", "<unk>" };
        var types = new List<int> { 3, 3, 3, 3 };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(6);
        }
        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);
        var converted = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < gpt2.Tokens.Length; i++)
        {
            var byteLevel = gpt2.Tokens[i];
            if (gpt2.TokenTypes[i] != 1) continue;
            string text;
            try
            {
                text = strict.GetString(byteLevel.Select(c => fromByteLevel[c]).ToArray()).Replace(' ', '\u2581');
            }
            catch (DecoderFallbackException)
            {
                text = $"[unreachable {i}]";
            }
            // llama.cpp reads token texts as C strings, so one holding NUL is not the token it spells.
            if (text.Contains('\0') || !seen.Add(text)) text = $"[unreachable {i}]";
            converted[byteLevel] = text;
            tokens.Add(text);
            types.Add(1);
        }
        var merges = new List<string>();
        foreach (var merge in gpt2.Merges)
        {
            var space = merge.IndexOf(' ', 1);
            if (converted.TryGetValue(merge[..space], out var left) && converted.TryGetValue(merge[(space + 1)..], out var right)
                && !left.StartsWith('[') && !right.StartsWith('['))
                merges.Add(left + " " + right);
        }
        file = new TempFile();
        new GgufWriter()
            .Set("general.architecture", "llama")
            .Set("general.name", "gantry-gemma4-oracle")
            .Set("llama.context_length", 256u)
            .Set("llama.embedding_length", 64u)
            .Set("llama.block_count", 1u)
            .Set("llama.feed_forward_length", 128u)
            .Set("llama.attention.head_count", 4u)
            .Set("llama.attention.head_count_kv", 4u)
            .Set("llama.rope.dimension_count", 16u)
            .Set("llama.attention.layer_norm_rms_epsilon", 1e-5f)
            .Set("tokenizer.ggml.model", "gemma4")
            .Set("tokenizer.ggml.tokens", tokens.ToArray())
            .Set("tokenizer.ggml.token_type", types.ToArray())
            .Set("tokenizer.ggml.merges", merges.ToArray())
            .Set("tokenizer.ggml.bos_token_id", 2u)
            .Set("tokenizer.ggml.eos_token_id", 1u)
            .Set("tokenizer.ggml.unknown_token_id", 3u)
            .Set("tokenizer.ggml.padding_token_id", 0u)
            .WriteTo(file.Path);
        return file.Path;
    }

    /// <summary>GPT-2's byte-level alphabet read back: printable bytes stand for themselves, the rest for U+0100 onwards.</summary>
    private static Dictionary<char, byte> ByteLevelDecoder()
    {
        var map = new Dictionary<char, byte>();
        var next = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[printable ? (char)b : (char)(256 + next++)] = (byte)b;
        }
        return map;
    }
}
