using System.Text;
using Gantry.Engine.Constraints;

namespace Gantry.Engine.Tests.Constraints;

public sealed class GbnfGrammarTests
{
    /// <summary>llama.cpp's grammars/json.gbnf, as users bring it.</summary>
    internal const string LlamaCppJson = """
        root   ::= object
        value  ::= object | array | string | number | ("true" | "false" | "null") ws

        object ::=
          "{" ws (
                    string ":" ws value
            ("," ws string ":" ws value)*
          )? "}" ws

        array  ::=
          "[" ws (
                    value
            ("," ws value)*
          )? "]" ws

        string ::=
          "\"" (
            [^"\\\x7F\x00-\x1F] |
            "\\" (["\\bfnrt] | "u" [0-9a-fA-F]{4}) # escapes
          )* "\"" ws

        number ::= ("-"? ([0-9] | [1-9] [0-9]{0,15})) ("." [0-9]+)? ([eE] [-+]? [0-9] [1-9]{0,15})? ws

        # Optional space: by convention, applied in this grammar after literal chars when allowed
        ws ::= | " " | "\n" [ \t]{0,20}
        """;

    private static bool Accepts(Grammar g, string text) => g.Accepts(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("{}", true)]
    [InlineData("{\"a\": [1, 2.5, -3e4, \"x\\n\"], \"b\": {\"c\": null}}", true)]
    [InlineData("{\"ü\": \"日本語 🎉\"}", true)]
    [InlineData("{\"a\" 1}", false)]
    [InlineData("[1]", false)]
    [InlineData("{\"a\": 01}", false)]
    [InlineData("{\"a\": \"\u0001\"}", false)]
    [InlineData("{", false)]
    public void Parse_LlamaCppJsonGrammar_MatchesJson(string text, bool expected)
    {
        var g = Grammar.Parse(LlamaCppJson);
        Assert.Equal(expected, Accepts(g, text));
    }

    [Fact]
    public void Parse_Repetitions_CountExactly()
    {
        var g = Grammar.Parse("root ::= \"a\"{2,4} \"b\"{3} \"c\"{2,} \"d\"? \"e\"+ \"f\"*");
        Assert.True(Accepts(g, "aabbbcce"));
        Assert.True(Accepts(g, "aaaabbbccccdeeefff"));
        Assert.False(Accepts(g, "abbbcce"));
        Assert.False(Accepts(g, "aaaaabbbcce"));
        Assert.False(Accepts(g, "aabbcce"));
        Assert.False(Accepts(g, "aabbbce"));
        Assert.False(Accepts(g, "aabbbcc"));
    }

    [Fact]
    public void Parse_UnicodeClassesAndDot_MatchWholeCharacters()
    {
        var g = Grammar.Parse("root ::= [α-ω]+ \" \" [^a-z] . \"\\u00e9\" \"\\U0001F600\"");
        Assert.True(Accepts(g, "αβγ Z日é😀"));
        Assert.True(Accepts(g, "ω 😀😀é😀"));
        Assert.False(Accepts(g, "αβγ a日é😀"));
        Assert.False(Accepts(g, "a Z日é😀"));
        // A prefix ending inside a character is alive, but not complete.
        var automaton = new GrammarAutomaton(g);
        var state = automaton.Next(automaton.Start, Encoding.UTF8.GetBytes("α")[..1]);
        Assert.True(state >= 0);
        Assert.False(automaton.IsAccepting(state));
    }

    [Fact]
    public void Parse_LineContinuationsAndComments_AreHonoured()
    {
        var g = Grammar.Parse("""
            # a comment line
            root ::= "x"   # trailing comment
              | "y"
            other ::= "z"
            """);
        Assert.True(Accepts(g, "x"));
        Assert.True(Accepts(g, "y"));
        Assert.False(Accepts(g, "z"));
    }

    [Fact]
    public void Parse_RightRecursion_KeepsStateCountBounded()
    {
        var g = Grammar.Parse("root ::= \"\\\"\" [a-z]* \"\\\"\"");
        var automaton = new GrammarAutomaton(g);
        var state = automaton.Next(automaton.Start, (byte)'"');
        for (var i = 0; i < 1000; i++) state = automaton.Next(state, (byte)('a' + i % 26));
        Assert.True(automaton.StateCount < 10, $"{automaton.StateCount} states for a flat string");
        Assert.True(automaton.IsAccepting(automaton.Next(state, (byte)'"')));
    }

    [Theory]
    [InlineData("root ::= foo", 1, 10, "undefined rule 'foo'")]
    [InlineData("root ::= \"a\"\nx ::= \"b\" | y", 2, 13, "undefined rule 'y'")]
    [InlineData("root = \"a\"", 1, 6, "expected '::='")]
    [InlineData("root ::= \"abc", 1, 10, "unterminated string")]
    [InlineData("root ::= [a-", 1, 10, "unterminated character class")]
    [InlineData("root ::= (\"a\"", 1, 14, "expected ')'")]
    [InlineData("x ::= \"a\"", 1, 1, "no 'root' rule")]
    [InlineData("root ::= root \"a\" | \"b\"", 1, 1, "left-recursive")]
    [InlineData("root ::= \"a\" root", 1, 1, "can never finish")]
    [InlineData("root ::= \"a\"\nroot ::= \"b\"", 2, 1, "defined twice")]
    [InlineData("root ::= \"\\q\"", 1, 11, "unknown escape")]
    [InlineData("root ::= \"a\"{3,2}", 1, 13, "below its minimum")]
    [InlineData("root ::= [z-a]", 1, 13, "out of order")]
    [InlineData("root ::= \"a\" @", 1, 14, "unexpected character '@'")]
    public void Parse_BadGrammar_NamesLineAndColumn(string text, int line, int column, string problem)
    {
        var e = Assert.Throws<GrammarSyntaxException>(() => Grammar.Parse(text));
        Assert.Contains(problem, e.Message);
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains($"line {line}, column {column}", e.Message);
    }

    [Fact]
    public void Parse_HugeRepetition_IsRefusedNotExpanded()
    {
        var e = Assert.Throws<GrammarSyntaxException>(() => Grammar.Parse("root ::= (\"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz\" [a-z]){0,100000}"));
        Assert.Contains("too large", e.Message);
    }

    [Fact]
    public void Utf8Sequences_EveryCodePoint_MatchesItsClassExactly()
    {
        var rng = new Random(7);
        for (var round = 0; round < 40; round++)
        {
            var ranges = Enumerable.Range(0, rng.Next(1, 5)).Select(_ =>
            {
                var lo = rng.Next(0, round % 2 == 0 ? 0x800 : 0x110000);
                return (lo, Math.Min(0x10FFFF, lo + rng.Next(0, round % 3 == 0 ? 70000 : 300)));
            });
            var set = CodePointSet.FromRanges(ranges);
            var g = Grammar.Parse("root ::= " + GbnfText.Class(set));
            for (var probe = 0; probe < 400; probe++)
            {
                var cp = probe < 200 && set.Ranges.Count > 0
                    ? Math.Clamp(set.Ranges[probe % set.Ranges.Count].Lo + rng.Next(-2, 3), 0, 0x10FFFF)
                    : rng.Next(0, 0x110000);
                if (cp is >= 0xD800 and <= 0xDFFF) continue;
                Assert.Equal(set.Contains(cp), g.Accepts(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(cp))));
            }
        }
    }
}
