using System.Text;
using Gantry.Models.Tokenizers;

namespace Gantry.Oracle.Tests.Tokenization;

/// <summary>
/// Gantry's tokenizer against llama.cpp on the same file: ids for every tricky string under every
/// flag combination, decoded bytes, every token's piece, attributes and EOG flag.
/// One derived class per model / pre-tokenizer.
/// </summary>
public abstract class TokenizerOracleTests<TFixture>(TFixture fixture) where TFixture : TokenizerOracleFixture
{
    private LlamaCppVocab LlamaCpp => fixture.LlamaCpp;
    private ITokenizer Gantry => fixture.Gantry;

    [Theory]
    [MemberData(nameof(TrickyStrings.Names), MemberType = typeof(TrickyStrings))]
    public void Encode_TrickyString_MatchesLlamaCpp(string name)
    {
        var text = TrickyStrings.Cases[name];
        foreach (var (addSpecial, parseSpecial) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var expected = LlamaCpp.Tokenize(text, addSpecial, parseSpecial);
            var actual = Gantry.Encode(text, addSpecial, parseSpecial);
            Assert.True(expected.SequenceEqual(actual),
                $"addSpecial={addSpecial} parseSpecial={parseSpecial}\nllama.cpp: [{string.Join(", ", expected)}]\ngantry:    [{string.Join(", ", actual)}]");
        }
    }

    [Theory]
    [MemberData(nameof(TrickyStrings.Names), MemberType = typeof(TrickyStrings))]
    public void Decode_TrickyString_MatchesLlamaCppDetokenize(string name)
    {
        var text = TrickyStrings.Cases[name];
        foreach (var (addSpecial, parseSpecial) in new[] { (false, false), (true, true) })
        {
            var ids = LlamaCpp.Tokenize(text, addSpecial, parseSpecial);
            Assert.Equal(LlamaCpp.Detokenize(ids), Gantry.DecodeUtf8(ids));
            Assert.Equal(LlamaCpp.Detokenize(ids, unparseSpecial: true), Gantry.DecodeUtf8(ids, renderSpecial: true));
        }
    }

    [Theory]
    [MemberData(nameof(TrickyStrings.Names), MemberType = typeof(TrickyStrings))]
    public void Decode_OfEncode_RoundTripsWhereLlamaCppDoes(string name)
    {
        var text = TrickyStrings.Cases[name];
        var ids = Gantry.Encode(text, addSpecial: false, parseSpecial: false);
        var llamaRoundTrips = Encoding.UTF8.GetString(LlamaCpp.Detokenize(LlamaCpp.Tokenize(text, false, false))) == text;
        Assert.Equal(llamaRoundTrips, Gantry.Decode(ids) == text);
    }

    [Theory]
    [MemberData(nameof(TrickyStrings.Names), MemberType = typeof(TrickyStrings))]
    public void StreamingDetokenizer_TrickyString_EmitsWholeCharactersOfLlamaCppPieces(string name)
    {
        var text = TrickyStrings.Cases[name];
        var ids = LlamaCpp.Tokenize(text, addSpecial: false, parseSpecial: false);
        var detokenizer = new StreamingDetokenizer(Gantry, skipLeadingSpaceOfFirstToken: Gantry.AddSpacePrefix);
        var deltas = ids.Select(detokenizer.Push).Append(detokenizer.Flush()).ToArray();

        // llama.cpp's pieces, first one stripped of the space prefix, are the bytes to expect.
        var expected = ids.SelectMany((id, i) =>
        {
            var piece = LlamaCpp.Piece(id, special: false);
            return i == 0 && Gantry.AddSpacePrefix && piece is [(byte)' ', ..] ? piece[1..] : piece;
        }).ToArray();
        Assert.Equal(Encoding.UTF8.GetString(expected), string.Concat(deltas));
        foreach (var delta in deltas)
        {
            Assert.False(delta.Length > 0 && char.IsHighSurrogate(delta[^1]), "a delta ends inside a surrogate pair");
            Assert.False(delta.Length > 0 && char.IsLowSurrogate(delta[0]), "a delta starts inside a surrogate pair");
        }
        // Valid input split anywhere must never produce a replacement character it did not contain.
        if (!text.Contains('\uFFFD') && Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) == text)
            Assert.DoesNotContain(deltas, d => d.Contains('\uFFFD'));
    }

    [Fact]
    public void Encode_RandomStrings_MatchLlamaCpp()
    {
        foreach (var text in TrickyStrings.Random(seed: 1234, count: 300))
        {
            var expected = LlamaCpp.Tokenize(text, true, true);
            var actual = Gantry.Encode(text, true, true);
            Assert.True(expected.SequenceEqual(actual),
                $"text={Escape(text)}\nllama.cpp: [{string.Join(", ", expected)}]\ngantry:    [{string.Join(", ", actual)}]");
            var plain = LlamaCpp.Tokenize(text, false, false);
            Assert.True(plain.SequenceEqual(Gantry.Encode(text, false, false)), $"text={Escape(text)} (no special)");
            Assert.Equal(LlamaCpp.Detokenize(plain), Gantry.DecodeUtf8(plain));
        }
    }

    [Fact]
    public void Encode_RandomCodepoints_MatchLlamaCpp()
    {
        foreach (var text in TrickyStrings.RandomCodepoints(seed: 99, count: 1000))
        {
            var expected = LlamaCpp.Tokenize(text, false, false);
            var actual = Gantry.Encode(text, false, false);
            Assert.True(expected.SequenceEqual(actual),
                $"text={Escape(text)}\nllama.cpp: [{string.Join(", ", expected)}]\ngantry:    [{string.Join(", ", actual)}]");
        }
    }

    [Fact]
    public void TokenBytes_EveryToken_MatchesLlamaCppPiece()
    {
        Assert.Equal(LlamaCpp.Count, Gantry.VocabSize);
        for (var id = 0; id < Gantry.VocabSize; id++)
        {
            Assert.True(LlamaCpp.Piece(id, special: false).AsSpan().SequenceEqual(Gantry.TokenBytes(id)), $"token {id} '{Gantry.TokenText(id)}'");
            Assert.True(LlamaCpp.Piece(id, special: true).AsSpan().SequenceEqual(Gantry.TokenBytes(id, renderSpecial: true)), $"token {id} '{Gantry.TokenText(id)}' (special)");
        }
    }

    [Fact]
    public void Attributes_EveryToken_MatchLlamaCpp()
    {
        for (var id = 0; id < Gantry.VocabSize; id++)
        {
            Assert.True(LlamaCpp.Attributes(id) == (int)Gantry.GetAttributes(id), $"token {id} '{Gantry.TokenText(id)}': llama.cpp {LlamaCpp.Attributes(id)} gantry {Gantry.GetAttributes(id)}");
            Assert.True(LlamaCpp.IsEog(id) == Gantry.IsEndOfGeneration(id), $"EOG of token {id} '{Gantry.TokenText(id)}'");
        }
    }

    [Fact]
    public void SpecialIdsAndFlags_MatchLlamaCpp()
    {
        Assert.Equal(LlamaCpp.Bos, Gantry.BosId);
        Assert.Equal(LlamaCpp.Eos, Gantry.EosId);
        Assert.Equal(LlamaCpp.AddBos, Gantry.AddBos);
        Assert.Equal(LlamaCpp.AddEos, Gantry.AddEos);
    }

    private static string Escape(string s) =>
        string.Concat(s.Select(c => c is >= ' ' and < '\u007f' ? c.ToString() : $"\\u{(int)c:X4}"));
}

public sealed class Stories260KTokenizerTests(Stories260KOracle f) : TokenizerOracleTests<Stories260KOracle>(f), IClassFixture<Stories260KOracle>;

public sealed class LlamaTinyRandomTokenizerTests(LlamaTinyRandomOracle f) : TokenizerOracleTests<LlamaTinyRandomOracle>(f), IClassFixture<LlamaTinyRandomOracle>;

public sealed class Gpt2DefaultTokenizerTests(Gpt2DefaultOracle f) : TokenizerOracleTests<Gpt2DefaultOracle>(f), IClassFixture<Gpt2DefaultOracle>;

public sealed class Gpt2Gpt2TokenizerTests(Gpt2Gpt2Oracle f) : TokenizerOracleTests<Gpt2Gpt2Oracle>(f), IClassFixture<Gpt2Gpt2Oracle>;

public sealed class Gpt2LlamaBpeTokenizerTests(Gpt2LlamaBpeOracle f) : TokenizerOracleTests<Gpt2LlamaBpeOracle>(f), IClassFixture<Gpt2LlamaBpeOracle>;

public sealed class Gpt2Qwen2TokenizerTests(Gpt2Qwen2Oracle f) : TokenizerOracleTests<Gpt2Qwen2Oracle>(f), IClassFixture<Gpt2Qwen2Oracle>;

public sealed class Cl100kLlamaBpeTokenizerTests(Cl100kLlamaBpeOracle f) : TokenizerOracleTests<Cl100kLlamaBpeOracle>(f), IClassFixture<Cl100kLlamaBpeOracle>;

public sealed class Cl100kQwen2TokenizerTests(Cl100kQwen2Oracle f) : TokenizerOracleTests<Cl100kQwen2Oracle>(f), IClassFixture<Cl100kQwen2Oracle>;

public sealed class Phi3StyleTokenizerTests(Phi3StyleOracle f) : TokenizerOracleTests<Phi3StyleOracle>(f), IClassFixture<Phi3StyleOracle>;

public sealed class Stories260KNoPrefixTokenizerTests(Stories260KNoPrefixOracle f) : TokenizerOracleTests<Stories260KNoPrefixOracle>(f), IClassFixture<Stories260KNoPrefixOracle>;
