using Gantry.Models.Tokenizers;
using static Gantry.Models.Tests.Tokenizers.TestVocabularies;

namespace Gantry.Models.Tests.Tokenizers;

public class StreamingDetokenizerTests
{
    private static readonly ITokenizer Spm = TokenizerFactory.Create(SpmData(("▁", -1), ("▁hi", -2), ("h", -3), ("i", -3)));

    [Fact]
    public void Push_EmojiSplitOverByteTokens_EmitsItOnceComplete()
    {
        var d = new StreamingDetokenizer(Spm, skipLeadingSpaceOfFirstToken: true);
        Assert.Equal("hi", d.Push(Spm.IdOf("▁hi")));
        // 👋 = F0 9F 91 8B
        Assert.Equal("", d.Push(FirstByte + 0xF0));
        Assert.Equal("", d.Push(FirstByte + 0x9F));
        Assert.Equal("", d.Push(FirstByte + 0x91));
        Assert.Equal("👋", d.Push(FirstByte + 0x8B));
        Assert.Equal("", d.Flush());
    }

    [Fact]
    public void Push_CjkSplitOverBytes_NeverEmitsHalf()
    {
        var d = new StreamingDetokenizer(Spm, skipLeadingSpaceOfFirstToken: false);
        // 你 = E4 BD A0, 好 = E5 A5 BD; push them with the second split 1 + 2.
        Assert.Equal("", d.Push(FirstByte + 0xE4));
        Assert.Equal("", d.Push(FirstByte + 0xBD));
        Assert.Equal("你", d.Push(FirstByte + 0xA0));
        Assert.Equal("", d.Push(FirstByte + 0xE5));
        Assert.Equal("", d.Push(FirstByte + 0xA5));
        Assert.Equal("好", d.Push(FirstByte + 0xBD));
    }

    [Fact]
    public void Push_InvalidBytes_BecomeReplacementCharacters()
    {
        var d = new StreamingDetokenizer(Spm, skipLeadingSpaceOfFirstToken: false);
        Assert.Equal("\uFFFD", d.Push(FirstByte + 0xFF));          // never valid
        Assert.Equal("", d.Push(FirstByte + 0xE4));                // lead byte, wait
        Assert.Equal("\uFFFDh", d.Push(Spm.IdOf("h")));            // broken by an ASCII byte
        Assert.Equal("", d.Push(FirstByte + 0xF0));
        Assert.Equal("\uFFFD", d.Flush());                         // incomplete at the end
        Assert.Equal("", d.Flush());
    }

    [Fact]
    public void Push_SkipLeadingSpace_AppliesToTheFirstTokenOnly()
    {
        var d = new StreamingDetokenizer(Spm, skipLeadingSpaceOfFirstToken: true);
        Assert.Equal("hi", d.Push(Spm.IdOf("▁hi")));
        Assert.Equal(" hi", d.Push(Spm.IdOf("▁hi")));
        var keep = new StreamingDetokenizer(Spm, skipLeadingSpaceOfFirstToken: false);
        Assert.Equal(" hi", keep.Push(Spm.IdOf("▁hi")));
    }

    [Fact]
    public void Push_ControlToken_RendersOnlyWhenAsked()
    {
        Assert.Equal("", new StreamingDetokenizer(Spm, false).Push(Eos));
        Assert.Equal("</s>", new StreamingDetokenizer(Spm, false, renderSpecial: true).Push(Eos));
    }

    [Fact]
    public void Push_EverySplitOfAText_ConcatenatesToDecode()
    {
        const string text = "hi 你好 👨‍👩‍👧 é ✓";
        var ids = Spm.Encode(text, addSpecial: false, parseSpecial: false);
        var d = new StreamingDetokenizer(Spm, skipLeadingSpaceOfFirstToken: true);
        var deltas = ids.Select(d.Push).Append(d.Flush()).ToArray();
        Assert.Equal(text, string.Concat(deltas));
        Assert.Equal(Spm.Decode(ids), string.Concat(deltas));
        Assert.All(deltas, delta => Assert.False(delta.Length > 0 && char.IsHighSurrogate(delta[^1]), "delta ends inside a surrogate pair"));
        Assert.DoesNotContain(deltas, delta => delta.Contains('\uFFFD'));
    }
}
