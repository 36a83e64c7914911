using System.Text;
using Gantry.Engine.Constraints;

namespace Gantry.Engine.Tests.Constraints;

public sealed class TokenMaskerTests(ConstraintModelFixture fixture) : IClassFixture<ConstraintModelFixture>
{
    /// <summary>The trie walk allows exactly the tokens whose bytes the automaton accepts one by one.</summary>
    [Fact]
    public void Fill_EqualsBruteForceOverTheVocabulary()
    {
        var grammar = Grammar.Parse(GbnfGrammarTests.LlamaCppJson);
        var automaton = new GrammarAutomaton(grammar);
        var masker = new TokenMasker(automaton, fixture.Trie);
        var mask = new ulong[masker.MaskWords];
        var vocab = fixture.Trie.VocabSize;
        foreach (var prefix in new[] { "", "{", "{\"k", "{\"k\": [1, \"\\u00", "{\"k\": {\"x\": tr", "{\"é", "{\"a\":1}" })
        {
            var state = automaton.Next(automaton.Start, Encoding.UTF8.GetBytes(prefix));
            Assert.True(state >= 0, prefix);
            masker.Fill(state, int.MaxValue, mask);
            for (var t = 0; t < vocab; t++)
            {
                var bytes = fixture.Trie.TokenBytes(t);
                bool expected = fixture.Trie.EndOfGenerationTokens.Contains(t)
                    ? automaton.IsAccepting(state)
                    : !bytes.IsEmpty && automaton.Next(state, bytes) >= 0;
                Assert.True(expected == ((mask[t >> 6] >> (t & 63) & 1) != 0), $"token {t} '{fixture.Model.Tokenizer.TokenText(t)}' after '{prefix}'");
            }
        }
    }

    [Fact]
    public void Trie_HasEverySingleByte_ForByteFallbackVocabulary()
    {
        Assert.True(fixture.Trie.HasEverySingleByte);
        Assert.Contains(fixture.Model.Tokenizer.EosId, fixture.Trie.EndOfGenerationTokens);
    }

    /// <summary>Partial UTF-8: a byte-fallback token carrying the first byte of 'é' is allowed where 'é' may come.</summary>
    [Fact]
    public void Fill_PartialUtf8Token_IsAllowedWhereTheCharacterIs()
    {
        var automaton = new GrammarAutomaton(Grammar.Parse("root ::= \"é\" | \"a\""));
        var masker = new TokenMasker(automaton, fixture.Trie);
        var mask = new ulong[masker.MaskWords];
        masker.Fill(automaton.Start, int.MaxValue, mask);
        var firstByte = Encoding.UTF8.GetBytes("é")[0];
        var byteToken = Enumerable.Range(0, fixture.Trie.VocabSize).Single(t => fixture.Trie.TokenBytes(t).SequenceEqual(new[] { firstByte }));
        Assert.True((mask[byteToken >> 6] >> (byteToken & 63) & 1) != 0);
        var wrongByte = Enumerable.Range(0, fixture.Trie.VocabSize).First(t => fixture.Trie.TokenBytes(t).SequenceEqual(new[] { (byte)0xC4 }));
        Assert.False((mask[wrongByte >> 6] >> (wrongByte & 63) & 1) != 0);
    }

    /// <summary>With few tokens left, only tokens after which the text can still be closed one byte per token remain.</summary>
    [Fact]
    public void Fill_TightBudget_KeepsOnlyClosableTokens()
    {
        var automaton = new GrammarAutomaton(Grammar.Parse("root ::= \"[\" (\"1\" (\",\" \"1\")*)? \"]\""));
        var masker = new TokenMasker(automaton, fixture.Trie);
        var mask = new ulong[masker.MaskWords];
        var state = automaton.Next(automaton.Start, "[1"u8);
        Assert.Equal(1, automaton.Distance(state));
        masker.Fill(state, 1, mask);
        var allowed = Enumerable.Range(0, fixture.Trie.VocabSize).Where(t => (mask[t >> 6] >> (t & 63) & 1) != 0).ToList();
        Assert.NotEmpty(allowed);
        Assert.All(allowed, t => Assert.True(automaton.IsAccepting(automaton.Next(state, fixture.Trie.TokenBytes(t))), fixture.Model.Tokenizer.TokenText(t)));
        // With room, "," (which needs two more bytes to close) is allowed again.
        masker.Fill(state, 3, mask);
        var comma = Enumerable.Range(0, fixture.Trie.VocabSize).First(t => fixture.Trie.TokenBytes(t).SequenceEqual(","u8));
        Assert.True((mask[comma >> 6] >> (comma & 63) & 1) != 0);
        masker.Fill(state, 2, mask);
        Assert.False((mask[comma >> 6] >> (comma & 63) & 1) != 0);
    }

    [Fact]
    public void Constraint_SaveRestore_RollsBack()
    {
        var masker = new TokenMasker(new GrammarAutomaton(Grammar.Parse("root ::= \"ab\" | \"ac\"")), fixture.Trie);
        var constraint = new GrammarConstraint(masker, 10);
        var a = Enumerable.Range(0, fixture.Trie.VocabSize).First(t => fixture.Trie.TokenBytes(t).SequenceEqual("a"u8));
        var b = Enumerable.Range(0, fixture.Trie.VocabSize).First(t => fixture.Trie.TokenBytes(t).SequenceEqual("b"u8));
        var snapshot = constraint.Save();
        Assert.True(constraint.Accept(a));
        Assert.False(constraint.Accept(a));
        Assert.True(constraint.Allows(b));
        Assert.True(constraint.Accept(b));
        Assert.True(constraint.IsAccepting);
        Assert.Equal(8, constraint.RemainingTokens);
        constraint.Restore(snapshot);
        Assert.False(constraint.IsAccepting);
        Assert.Equal(10, constraint.RemainingTokens);
        Assert.False(constraint.Allows(b));
        Assert.False(constraint.Allows(fixture.Model.Tokenizer.EosId));
    }
}
