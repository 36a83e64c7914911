using System.Text;
using System.Text.RegularExpressions;
using Gantry.Engine.Constraints;

namespace Gantry.Engine.Tests.Constraints;

public sealed class RegexGrammarTests
{
    public static TheoryData<string> Patterns => new()
    {
        "abc", "a|b|cd", "a*b+c?", "(ab|c){2,3}", "[a-c]{0,2}x", "[^ab]+", "\\d{3}-\\d{4}", "\\w+@\\w+\\.com",
        "(?:x|yz)*", "(?<name>a+)b", "a{2,}", "\\s?\\S", "[\\d.]+", "a.c", "(a|)b", "[-a]+", "[a-]x", "colou?r",
        "\\.\\*\\+", "x{1}y{0}", "[\\W]", "(a(b(c)?)?)?", "ab??c+?",
    };

    /// <summary>The grammar accepts exactly the strings .NET's regex matches in full, over random short strings.</summary>
    [Theory]
    [MemberData(nameof(Patterns))]
    public void FromRegex_RandomStrings_AgreeWithDotNetRegex(string pattern)
    {
        var grammar = ConstraintGrammars.FromRegex(pattern);
        var regex = new Regex("^(?:" + pattern + ")\\z", RegexOptions.ECMAScript);
        const string Alphabet = "abcxyz0129-.@ *+_\n\té";
        var rng = new Random(pattern.Length * 31 + pattern[0]);
        var matched = 0;
        for (var i = 0; i < 3000; i++)
        {
            var length = rng.Next(0, 9);
            var sb = new StringBuilder();
            for (var j = 0; j < length; j++) sb.Append(Alphabet[rng.Next(Alphabet.Length)]);
            var text = sb.ToString();
            var expected = regex.IsMatch(text);
            matched += expected ? 1 : 0;
            Assert.True(expected == grammar.Accepts(Encoding.UTF8.GetBytes(text)), $"'{pattern}' on '{text}': regex {expected}");
        }
    }

    [Fact]
    public void FromRegex_SamplesFromTheGrammar_MatchTheRegex()
    {
        // Walk the automaton at random: every accepted text must match (the other direction of the check above).
        foreach (var pattern in new[] { "\\d{3}-\\d{4}", "(ab|c){2,3}", "\\w+@\\w+\\.com", "[^ab]+x" })
        {
            var automaton = new GrammarAutomaton(ConstraintGrammars.FromRegex(pattern));
            var regex = new Regex("^(?:" + pattern + ")\\z", RegexOptions.ECMAScript);
            var rng = new Random(3);
            for (var round = 0; round < 50; round++)
            {
                var bytes = new List<byte>();
                var state = automaton.Start;
                while (!(automaton.IsAccepting(state) && (rng.Next(3) == 0 || !automaton.CanContinue(state))) && bytes.Count < 40)
                {
                    var options = Enumerable.Range(0, 128).Where(b => automaton.Next(state, (byte)b) >= 0).ToList();
                    if (options.Count == 0) break;
                    var b = (byte)options[rng.Next(options.Count)];
                    bytes.Add(b);
                    state = automaton.Next(state, b);
                }
                if (!automaton.IsAccepting(state)) continue;
                var text = Encoding.UTF8.GetString(bytes.ToArray());
                Assert.True(regex.IsMatch(text), $"'{pattern}' produced '{text}'");
            }
        }
    }

    [Theory]
    [InlineData("(a)\\1", "backreferences")]
    [InlineData("a(?=b)", "lookaround")]
    [InlineData("a(?!b)", "lookaround")]
    [InlineData("(?<=a)b", "lookaround")]
    [InlineData("\\bword", "assertion")]
    [InlineData("(?i)abc", "inline options")]
    [InlineData("a++", "possessive")]
    [InlineData("\\p{L}", "Unicode property")]
    [InlineData("[[:alpha:]]", "POSIX")]
    [InlineData("(ab", "missing ')'")]
    [InlineData("ab)", "unbalanced ')'")]
    [InlineData("[ab", "missing ']'")]
    [InlineData("*a", "nothing to repeat")]
    [InlineData("a^b", "only supported at the start")]
    [InlineData("a{3,1}", "below its minimum")]
    public void FromRegex_Unsupported_IsNamedWithOffset(string pattern, string problem)
    {
        var e = Assert.Throws<RegexSyntaxException>(() => ConstraintGrammars.FromRegex(pattern));
        Assert.Contains(problem, e.Message);
        Assert.InRange(e.Position, 0, pattern.Length);
    }

    [Fact]
    public void JsonStringMode_EscapesQuotesAndBackslashes()
    {
        var expression = RegexToGbnf.Convert("a\"b\\\\c[\"x]", jsonString: true, out var start, out var end);
        var g = Grammar.Parse($"root ::= {expression}");
        Assert.False(start);
        Assert.False(end);
        Assert.True(g.Accepts(Encoding.UTF8.GetBytes("a\\\"b\\\\c\\\"")));
        Assert.True(g.Accepts(Encoding.UTF8.GetBytes("a\\\"b\\\\cx")));
        Assert.False(g.Accepts(Encoding.UTF8.GetBytes("a\"b\\c\"")));
    }
}
