using Gantry.Models.Gguf;
using Gantry.Models.Tokenizers;
using Gantry.TestSupport;
using static Gantry.Models.Tests.Tokenizers.TestVocabularies;

namespace Gantry.Models.Tests.Tokenizers;

public class TokenizerFactoryTests
{
    [Fact]
    public void FromGguf_UnknownModel_ThrowsNamingTheValue()
    {
        var ex = Assert.Throws<ModelFormatException>(() => TokenizerFactory.FromGguf(Metadata(w => w.Set("tokenizer.ggml.model", "t5"))));
        Assert.Contains("'t5'", ex.Message);
    }

    [Fact]
    public void FromGguf_UnknownPre_ThrowsNamingTheValue()
    {
        var ex = Assert.Throws<ModelFormatException>(() => TokenizerFactory.FromGguf(Metadata(w => w
            .Set("tokenizer.ggml.model", "gpt2").Set("tokenizer.ggml.pre", "klingon").Set("tokenizer.ggml.merges", new[] { "a b" }))));
        Assert.Contains("'klingon'", ex.Message);
    }

    [Fact]
    public void FromGguf_AddBosWithoutBosId_Throws()
    {
        Assert.Throws<ModelFormatException>(() => TokenizerFactory.FromGguf(Metadata(w => w
            .Set("tokenizer.ggml.model", "gpt2").Set("tokenizer.ggml.pre", "gpt-2").Set("tokenizer.ggml.merges", new[] { "a b" })
            .Set("tokenizer.ggml.add_bos_token", true).Set("tokenizer.ggml.bos_token_id", 99u))));
    }

    [Fact]
    public void FromGguf_DuplicateToken_Throws()
    {
        Assert.Throws<ModelFormatException>(() => TokenizerFactory.FromGguf(Metadata(w => w
            .Set("tokenizer.ggml.model", "llama").Set("tokenizer.ggml.tokens", new[] { "a", "b", "a" }))));
    }

    [Fact]
    public void FromGguf_FlagsAndIds_FollowTheMetadata()
    {
        var data = SpmData(("▁", -1), ("a", -1));
        var t = TokenizerFactory.FromGguf(Metadata(w => w
            .Set("tokenizer.ggml.model", "llama").Set("tokenizer.ggml.tokens", data.Tokens).Set("tokenizer.ggml.scores", data.Scores!)
            .Set("tokenizer.ggml.token_type", data.TokenTypes!).Set("tokenizer.ggml.add_bos_token", false)
            .Set("tokenizer.ggml.add_eos_token", true).Set("tokenizer.ggml.eos_token_id", 2u)));
        Assert.False(t.AddBos);
        Assert.True(t.AddEos);
        Assert.Equal(1, t.BosId); // SentencePiece default
        Assert.Equal(2, t.EosId);
        Assert.Equal([t.IdOf("▁"), t.IdOf("a"), 2], t.Encode("a", addSpecial: true, parseSpecial: false));
    }

    [Fact]
    public void FromGguf_SharedStoriesModel_Loads()
    {
        var t = TokenizerFactory.FromGguf(SharedModels.Stories260K);
        Assert.Equal(512, t.VocabSize);
        Assert.Equal("Once upon a time", t.Decode(t.Encode("Once upon a time", true, false)[1..]));
    }

    private static GgufMetadata Metadata(Action<GgufWriter> configure)
    {
        var writer = new GgufWriter().Set("tokenizer.ggml.tokens", new[] { "<unk>", "<s>", "</s>", "a", "b" });
        configure(writer);
        using var file = new TempFile();
        writer.WriteTo(file.Path);
        using var gguf = GgufFile.Open(file.Path);
        return gguf.Metadata;
    }
}
