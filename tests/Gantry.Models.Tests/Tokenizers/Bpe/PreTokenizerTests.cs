using System.Text;
using System.Text.RegularExpressions;
using Gantry.Models.Tokenizers.Bpe;

namespace Gantry.Models.Tests.Tokenizers.Bpe;

public class PreTokenizerTests
{
    private const string Gpt2Regex = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";
    private const string Llama3Regex = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    [Theory]
    [InlineData("Hello world's  123!!", new[] { "Hello", " world", "'s", " ", " 123", "!!" })]
    [InlineData("a  \n b", new[] { "a", "  \n", " b" })]
    [InlineData("x   ", new[] { "x", "   " })]
    [InlineData("IT'S", new[] { "IT", "'", "S" })]
    public void Gpt2Splitter_Splits(string text, string[] expected)
    {
        Assert.Equal(expected, Split(Gpt2Splitter.Instance, text));
    }

    [Theory]
    [InlineData("Hello world's  12345!!\n\n", new[] { "Hello", " world", "'s", " ", " ", "123", "45", "!!\n\n" })]
    [InlineData("IT'S \tx", new[] { "IT", "'S", " ", "\tx" })]
    [InlineData("a \n\n b", new[] { "a", " \n\n", " b" })]
    public void Llama3Splitter_Splits(string text, string[] expected)
    {
        Assert.Equal(expected, Split(Llama3Splitter.Instance, text));
    }

    [Fact]
    public void HandWrittenSplitters_OnAscii_AgreeWithTheirRegex()
    {
        // llama.cpp's scanners stand in for these regexes; on ASCII the two must cut identically.
        var random = new Random(7);
        const string alphabet = "ab Z9 0'sStTrReEvVlLmMdD!?.,\n\r\t  -_()";
        for (var i = 0; i < 2000; i++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.Equal(RegexPieces(Gpt2Regex, text), Split(Gpt2Splitter.Instance, text));
            Assert.Equal(RegexPieces(Llama3Regex, text), Split(Llama3Splitter.Instance, text));
        }
    }

    [Fact]
    public void Collapse_RewritesCategoriesInsideAndOutsideBrackets()
    {
        Assert.Equal("[\u00D2A-Za-z]+", CollapsedRegexSplitter.Collapse(@"\p{L}+"));
        Assert.Equal(@"[^\s" + "\u00D2A-Za-z\u00D10-9]", CollapsedRegexSplitter.Collapse(@"[^\s\p{L}\p{N}]"));
    }

    [Fact]
    public void CollapsedRegex_CombiningMarkDoesNotContinueAWord()
    {
        var splitter = new CollapsedRegexSplitter(@" ?\p{L}+| ?[^\s\p{L}\p{N}]+");
        Assert.Equal(["cafe", "\u0301", " x"], Split(splitter, "cafe\u0301 x"));
    }

    private static string[] Split(IPreTokenizerStep step, string text)
    {
        var codepoints = text.EnumerateRunes().Select(r => r.Value).ToArray();
        var flags = codepoints.Select(Codepoints.Flags).ToArray();
        var collapsed = codepoints.Select((c, i) => CollapsedRegexSplitter.CollapsedChar(c, flags[i])).ToArray();
        var output = new List<int>();
        step.Split(new PreTokenizerInput(codepoints, flags, collapsed), [codepoints.Length], output);
        var pieces = new List<string>();
        var start = 0;
        foreach (var n in output)
        {
            var sb = new StringBuilder();
            for (var i = start; i < start + n; i++) sb.Append(char.ConvertFromUtf32(codepoints[i]));
            pieces.Add(sb.ToString());
            start += n;
        }
        return pieces.ToArray();
    }

    private static string[] RegexPieces(string pattern, string text)
    {
        var pieces = new List<string>();
        var end = 0;
        foreach (Match m in Regex.Matches(text, pattern))
        {
            if (m.Index > end) pieces.Add(text[end..m.Index]);
            pieces.Add(m.Value);
            end = m.Index + m.Length;
        }
        if (end < text.Length) pieces.Add(text[end..]);
        return pieces.ToArray();
    }
}
