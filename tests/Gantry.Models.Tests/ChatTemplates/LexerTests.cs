using Gantry.Models.ChatTemplates;
using Gantry.Models.ChatTemplates.Jinja;

namespace Gantry.Models.Tests.ChatTemplates;

public sealed class LexerTests
{
    private static string Kinds(string source, LexerOptions? options = null) =>
        string.Join(" ", Lexer.Tokenize(source, options).Select(t => t.Kind == TokenKind.Text ? $"T({t.Text})" : t.Kind is TokenKind.Name or TokenKind.Operator or TokenKind.Integer ? t.Text : t.Kind.ToString()));

    [Fact]
    public void Tokenize_TextAndTags_SplitsInOrder()
    {
        Assert.Equal("T(a) VariableStart x + 1 VariableEnd T(b) BlockStart if y BlockEnd EndOfInput", Kinds("a{{ x + 1 }}b{% if y %}"));
    }

    [Fact]
    public void Tokenize_Comment_Dropped() => Assert.Equal("T(a) T(b) EndOfInput", Kinds("a{# {{ not a tag }} #}b"));

    [Fact]
    public void Tokenize_MinusModifiers_StripNeighbouringWhitespace() =>
        Assert.Equal("T(a) VariableStart x VariableEnd T(b) EndOfInput", Kinds("a \n {{- x -}} \n b"));

    [Fact]
    public void Tokenize_TrimBlocks_DropsOneNewlineAfterBlockOnly()
    {
        Assert.Equal("BlockStart if x BlockEnd T(\nz) EndOfInput", Kinds("{% if x %}\n\nz"));
        Assert.Equal("VariableStart x VariableEnd T(\nz) EndOfInput", Kinds("{{ x }}\nz"));
        Assert.Equal("BlockStart if x BlockEnd T(\n\nz) EndOfInput", Kinds("{% if x %}\n\nz", LexerOptions.JinjaDefaults));
    }

    [Fact]
    public void Tokenize_LstripBlocks_DropsIndentBeforeBlockOnlyAtLineStart()
    {
        Assert.Equal("T(a\n) BlockStart if x BlockEnd EndOfInput", Kinds("a\n   {% if x %}"));
        Assert.Equal("T(a  ) BlockStart if x BlockEnd EndOfInput", Kinds("a  {% if x %}"));
        Assert.Equal("T(a\n   ) BlockStart if x BlockEnd EndOfInput", Kinds("a\n   {%+ if x %}"));
        Assert.Equal("T(a\n   ) VariableStart x VariableEnd EndOfInput", Kinds("a\n   {{ x }}"));
    }

    [Fact]
    public void Tokenize_TrailingNewline_Dropped() => Assert.Equal("T(x\n) EndOfInput", Kinds("x\n\n"));

    [Fact]
    public void Tokenize_StringEscapes_DecodedLikePython()
    {
        var t = Lexer.Tokenize("{{ 'a\\n\\t\\\\\\'\\x41\\u00e9\\q' }}")[1];
        Assert.Equal(TokenKind.String, t.Kind);
        Assert.Equal("a\n\t\\'A\u00e9\\q", t.Value);
    }

    [Fact]
    public void Tokenize_Numbers_IntegerAndFloat()
    {
        var tokens = Lexer.Tokenize("{{ 12 1_000 2.5 1e3 }}");
        Assert.Equal(12L, tokens[1].Value);
        Assert.Equal(1000L, tokens[2].Value);
        Assert.Equal(2.5, tokens[3].Value);
        Assert.Equal(1000.0, tokens[4].Value);
    }

    [Fact]
    public void Tokenize_DictInsideExpression_BracesDoNotCloseTag() =>
        Assert.Equal("VariableStart { String : { String : 1 } } VariableEnd EndOfInput", Kinds("{{ {'a': {'b': 1}} }}"));

    [Fact]
    public void Tokenize_Positions_LineAndColumnOneBased()
    {
        var x = Lexer.Tokenize("ab\n  {{ x }}").Single(t => t.Kind == TokenKind.Name);
        Assert.Equal((2, 6), (x.Line, x.Column));
    }

    [Theory]
    [InlineData("a\n{{ 'open }}", 2, 4, "unterminated string")]
    [InlineData("{# never closed", 1, 1, "unclosed comment")]
    [InlineData("x {{ a ", 1, 3, "unclosed expression")]
    [InlineData("{% if x ", 1, 1, "unclosed tag")]
    [InlineData("{{ a ? b }}", 1, 6, "unexpected character '?'")]
    [InlineData("{{ 99999999999999999999 }}", 1, 4, "too large")]
    [InlineData("{% raw %}x", 1, 1, "endraw")]
    public void Tokenize_Malformed_ThrowsWithPosition(string source, int line, int column, string message)
    {
        var ex = Assert.Throws<ChatTemplateException>(() => Lexer.Tokenize(source));
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Contains(message, ex.Reason);
    }
}
