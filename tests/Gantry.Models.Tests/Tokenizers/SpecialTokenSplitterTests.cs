using Gantry.Models.Tokenizers;

namespace Gantry.Models.Tests.Tokenizers;

public class SpecialTokenSplitterTests
{
    private static Vocabulary Vocab() => new(
        ["a", "<s>", "</s>", "<tool>", "<tool_call>", "<|user|>"],
        null,
        [(int)GgufTokenType.Normal, (int)GgufTokenType.Control, (int)GgufTokenType.Control, (int)GgufTokenType.UserDefined,
            (int)GgufTokenType.UserDefined, (int)GgufTokenType.Control],
        new SpecialTokenIds { Bos = 1, Eos = 2 });

    [Fact]
    public void Split_ParseSpecial_CutsControlTokensOut()
    {
        Assert.Equal(["x", "</s>", "y", "<s>", "z"], Pieces("x</s>y<s>z", parseSpecial: true));
    }

    [Fact]
    public void Split_WithoutParseSpecial_KeepsControlTextButCutsUserDefined()
    {
        Assert.Equal(["x</s>", "<tool>", "y"], Pieces("x</s><tool>y", parseSpecial: false));
    }

    [Fact]
    public void Split_LongerTokenWinsOverItsPrefix()
    {
        Assert.Equal(["<tool_call>", " ", "<tool>"], Pieces("<tool_call> <tool>", parseSpecial: false));
    }

    [Fact]
    public void Split_AdjacentAndRepeatedTokens()
    {
        Assert.Equal(["</s>", "</s>", "a", "</s>"], Pieces("</s></s>a</s>", parseSpecial: true));
    }

    [Fact]
    public void Split_EmptyText_NoFragments()
    {
        Assert.Empty(Pieces("", parseSpecial: true));
    }

    private static string[] Pieces(string text, bool parseSpecial)
    {
        var fragments = new List<TextFragment>();
        SpecialTokenSplitter.Split(Vocab(), text, parseSpecial, fragments);
        return fragments.Select(f => text.Substring(f.Start, f.Length)).ToArray();
    }
}
