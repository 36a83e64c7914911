using Gantry.Models.Tokenizers;
using static Gantry.Models.Tests.Tokenizers.TestVocabularies;

namespace Gantry.Models.Tests.Tokenizers.SentencePiece;

public class SentencePieceModelTests
{
    private static readonly (string, float)[] Letters = [("▁", -1), ("a", -2), ("b", -2), ("c", -2)];

    [Fact]
    public void Encode_HigherScoredPairMergesFirst()
    {
        var bcFirst = TokenizerFactory.Create(SpmData([.. Letters, ("ab", -5), ("bc", -3)]));
        Assert.Equal(["▁", "a", "bc"], bcFirst.Texts(bcFirst.Encode("abc", false, false)));

        var abFirst = TokenizerFactory.Create(SpmData([.. Letters, ("ab", -3), ("bc", -5)]));
        Assert.Equal(["▁", "ab", "c"], abFirst.Texts(abFirst.Encode("abc", false, false)));
    }

    [Fact]
    public void Encode_EqualScores_LeftmostPairMergesFirst()
    {
        var t = TokenizerFactory.Create(SpmData([.. Letters, ("ab", -3), ("bc", -3)]));
        Assert.Equal(["▁", "ab", "c"], t.Texts(t.Encode("abc", false, false)));
    }

    [Fact]
    public void Encode_MergesBuildOnMerges()
    {
        var t = TokenizerFactory.Create(SpmData([.. Letters, ("▁a", -3), ("bc", -3), ("▁abc", -4)]));
        Assert.Equal(["▁abc", "▁", "c"], t.Texts(t.Encode("abc c", false, false)));
    }

    [Fact]
    public void Encode_UnknownCharacter_FallsBackToUtf8Bytes()
    {
        var t = TokenizerFactory.Create(SpmData(Letters));
        // "é" is C3 A9, "👋" is F0 9F 91 8B.
        Assert.Equal([Find(t, "▁"), FirstByte + 0xC3, FirstByte + 0xA9, FirstByte + 0xF0, FirstByte + 0x9F, FirstByte + 0x91, FirstByte + 0x8B],
            t.Encode("é👋", false, false));
    }

    [Fact]
    public void Encode_AddSpecial_AddsBosOnlyByDefault()
    {
        var t = TokenizerFactory.Create(SpmData(Letters));
        Assert.True(t.AddBos);
        Assert.False(t.AddEos);
        Assert.Equal([Bos], t.Encode("", true, false));
        Assert.Empty(t.Encode("", false, false));
        Assert.Equal([Bos, Find(t, "▁"), Find(t, "a")], t.Encode("a", true, false));
    }

    [Fact]
    public void Encode_AddEosFlag_AppendsEos()
    {
        var data = SpmData(Letters);
        var t = TokenizerFactory.Create(new TokenizerData
        {
            Model = data.Model, Tokens = data.Tokens, Scores = data.Scores, TokenTypes = data.TokenTypes, AddBos = false, AddEos = true,
        });
        Assert.Equal([Find(t, "▁"), Find(t, "a"), Eos], t.Encode("a", true, false));
    }

    [Fact]
    public void Encode_WithoutSpacePrefix_DoesNotPrependSpace()
    {
        var data = SpmData(Letters);
        var t = TokenizerFactory.Create(new TokenizerData
        {
            Model = data.Model, Tokens = data.Tokens, Scores = data.Scores, TokenTypes = data.TokenTypes, AddSpacePrefix = false,
        });
        Assert.Equal(["a", "▁", "b"], t.Texts(t.Encode("a b", false, false)));
        Assert.False(t.AddSpacePrefix);
    }

    [Fact]
    public void Encode_ControlText_IsTextUnlessParseSpecial()
    {
        var t = TokenizerFactory.Create(SpmData([.. Letters, ("<", -2), ("/", -2), ("s", -2), (">", -2)]));
        Assert.Equal(["▁", "a", "</s>", "▁", "b"], t.Texts(t.Encode("a</s>b", false, parseSpecial: true)));
        Assert.DoesNotContain(Eos, t.Encode("a</s>b", false, parseSpecial: false));
    }

    [Fact]
    public void TokenBytes_RestoresSpacesAndBytes()
    {
        var t = TokenizerFactory.Create(SpmData([.. Letters, ("▁ab", -3)]));
        Assert.Equal(" ab"u8.ToArray(), t.TokenBytes(Find(t, "▁ab")).ToArray());
        Assert.Equal(new byte[] { 0xC3 }, t.TokenBytes(FirstByte + 0xC3).ToArray());
        Assert.True(t.TokenBytes(Eos).IsEmpty);
        Assert.Equal("</s>"u8.ToArray(), t.TokenBytes(Eos, renderSpecial: true).ToArray());
    }

    [Fact]
    public void Decode_DropsTheSpacePrefixOfTheFirstTokenOnly()
    {
        var t = TokenizerFactory.Create(SpmData([.. Letters, ("▁a", -3), ("▁b", -3)]));
        Assert.Equal("a b", t.Decode(t.Encode("a b", false, false)));
        // As in llama.cpp, a leading BOS uses up the strip, so the space stays.
        Assert.Equal(" a b", t.Decode(t.Encode("a b", true, false)));
    }

    [Fact]
    public void IsEndOfGeneration_EosAndEotNamedTokens()
    {
        var t = TokenizerFactory.Create(SpmData(extra => extra.Add(("<|im_end|>", 0, GgufTokenType.Normal)), Letters));
        var imEnd = Find(t, "<|im_end|>");
        Assert.True(t.IsEndOfGeneration(Eos));
        Assert.True(t.IsEndOfGeneration(imEnd));
        Assert.True((t.GetAttributes(imEnd) & TokenAttributes.Control) != 0); // promoted like llama.cpp does
        Assert.False(t.IsEndOfGeneration(Bos));
        Assert.False(t.IsEndOfGeneration(-1));
    }

    [Fact]
    public void Encode_MoreThan65536Tokens_WorksRepeatedly()
    {
        var t = TokenizerFactory.Create(SpmData(Letters));
        var text = string.Concat(Enumerable.Repeat("a b ", 40_000));
        for (var i = 0; i < 2; i++) Assert.Equal(160_001, t.Encode(text, false, false).Length);
    }

    private static int Find(ITokenizer t, string text) => t.IdOf(text);
}
