using Gantry.Models.Tokenizers;
using static Gantry.Models.Tests.Tokenizers.TestVocabularies;

namespace Gantry.Models.Tests.Tokenizers.Bpe;

public class BpeModelTests
{
    [Fact]
    public void Encode_LowestRankMergesFirst()
    {
        var bcFirst = TokenizerFactory.Create(BpeData("gpt-2", "b c", "a b"));
        Assert.Equal(["a", "bc"], bcFirst.Texts(bcFirst.Encode("abc", false, false)));
        var abFirst = TokenizerFactory.Create(BpeData("gpt-2", "a b", "b c"));
        Assert.Equal(["ab", "c"], abFirst.Texts(abFirst.Encode("abc", false, false)));
    }

    [Fact]
    public void Encode_SpaceIsPartOfTheFollowingWord()
    {
        var t = TokenizerFactory.Create(BpeData("gpt-2", "  a", " a b"));
        Assert.Equal(["a", "Ġab"], t.Texts(t.Encode("a ab", false, false)));
    }

    [Fact]
    public void Encode_WordsNeverMergeAcrossPreTokenizerCuts()
    {
        // "a" "b" would merge, but gpt-2 cuts "a!b" into "a", "!", "b".
        var t = TokenizerFactory.Create(BpeData("gpt-2", "a b", "a !", "! b"));
        Assert.Equal(["a", "!", "b"], t.Texts(t.Encode("a!b", false, false)));
    }

    [Fact]
    public void Encode_MultiByteCharacter_UsesByteLevelTokens()
    {
        var t = TokenizerFactory.Create(BpeData("gpt-2"));
        Assert.Equal([0xC3, 0xA9], t.Encode("é", false, false)); // ids of single bytes are the bytes
        Assert.Equal("é", t.Decode([0xC3, 0xA9]));
    }

    [Fact]
    public void Encode_LlamaBpe_EmitsAWordThatIsATokenWhole()
    {
        // "abc" is a token (made by "ab c"), but merging "abc" applies "b c" first and then has no
        // "a bc" merge; llama-bpe's ignore_merges skips merging for words already in the vocabulary.
        var merges = new[] { "b c", "a b", "ab c" };
        var gpt2 = TokenizerFactory.Create(BpeData("gpt-2", merges));
        Assert.Equal(["a", "bc"], gpt2.Texts(gpt2.Encode("abc", false, false)));
        var data = BpeData("llama-bpe", merges);
        var llama = TokenizerFactory.Create(data);
        Assert.Equal(["abc"], llama.Texts(llama.Encode("abc", false, false)));
        Assert.True(llama.AddBos); // llama-bpe defaults to BOS
        Assert.Equal(data.BosId, llama.Encode("abc", true, false)[0]);
    }

    [Fact]
    public void Encode_Qwen2_SplitsDigitsOneByOne()
    {
        var t = TokenizerFactory.Create(BpeData("qwen2", "1 2", "12 3"));
        Assert.Equal(["1", "2", "3"], t.Texts(t.Encode("123", false, false)));
        var gpt2 = TokenizerFactory.Create(BpeData("gpt-2", "1 2", "12 3"));
        Assert.Equal(["123"], gpt2.Texts(gpt2.Encode("123", false, false)));
    }

    [Fact]
    public void Encode_EndOfTextText_IsSpecialOnlyWhenParsed()
    {
        var t = TokenizerFactory.Create(BpeData("gpt-2"));
        var eot = t.IdOf("<|endoftext|>");
        Assert.Equal([(int)'a', eot, (int)'b'], t.Encode("a<|endoftext|>b", false, parseSpecial: true));
        Assert.DoesNotContain(eot, t.Encode("a<|endoftext|>b", false, parseSpecial: false));
        Assert.True(t.IsEndOfGeneration(eot));
    }

    [Fact]
    public void Decode_CleanSpaces_TightensPunctuationLikeLlamaCpp()
    {
        var t = TokenizerFactory.Create(BpeData("gpt-2"));
        Assert.True(t.CleanSpaces);
        var ids = "Hi , it 's ok ' x".Select(c => (int)c).ToArray();
        Assert.Equal("Hi, it's ok'x", t.Decode(ids));
        var qwen = TokenizerFactory.Create(BpeData("qwen2"));
        Assert.False(qwen.CleanSpaces);
        Assert.Equal("Hi , it 's ok ' x", qwen.Decode(ids));
    }

    [Fact]
    public void TokenBytes_UndoesTheByteLevelAlphabet()
    {
        var t = TokenizerFactory.Create(BpeData("gpt-2", "  a"));
        Assert.Equal(" a"u8.ToArray(), t.TokenBytes(t.IdOf("Ġa")).ToArray());
        Assert.Equal(new byte[] { 0x0A }, t.TokenBytes('\n').ToArray());
    }
}
