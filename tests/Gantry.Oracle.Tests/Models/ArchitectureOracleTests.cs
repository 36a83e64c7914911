using Gantry.Engine;
using Gantry.Engine.Scheduling;
using Gantry.Engine.Speculative;
using Gantry.Models.Synthesis;
using Gantry.Oracle.Tests.LlamaCpp;
using Gantry.TestSupport;
using Xunit.Abstractions;

namespace Gantry.Oracle.Tests.Models;

/// <summary>
/// Every model family Gantry loads beyond Llama/Qwen2, checked against llama.cpp on synthetic files from Gantry's
/// writer: logits after each prompt, greedy continuations one sequence at a time, and the same prompts decoded
/// together in one batch. Generations run to 48 tokens, past the tiny Gemma shapes' 16-token sliding window.
/// </summary>
public sealed class ArchitectureOracleTests(ITestOutputHelper output)
{
    private const int Steps = 48;

    private static readonly string[] Prompts =
    [
        "Once upon a time",
        "The little girl went to the park and saw a big dog. She was happy and ran to it",
        "Tom and Lily were friends. One day,",
    ];

    public static TheoryData<string, string, double> Cases => new()
    {
        // preset, weight type, logit relative-error bound
        { "tiny-qwen3", "f32", 1e-4 },
        { "tiny-qwen3", "q8_0", 2e-2 },
        { "tiny-qwen3", "q5_k_m", 2e-2 },
        { "tiny-gemma2", "f32", 1e-4 },
        { "tiny-gemma3", "f32", 1e-4 },
        { "tiny-gemma3", "q4_k_m", 2e-2 },
        { "tiny-phi3", "f32", 1e-4 },
        { "tiny-phi3", "f16", 1e-3 },
        { "tiny-mixtral", "f32", 1e-4 },
        { "tiny-mixtral", "q4_0", 2e-2 },
        { "tiny-qwen3moe", "f32", 1e-4 },
        { "tiny-qwen3moe", "q8_0", 2e-2 },
        { "tiny-qwen2moe", "f32", 1e-4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogitsAndGreedy_SyntheticFamily_MatchLlamaCpp(string preset, string type, double bound)
    {
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.Parse(preset), type, seed: 7, file.Path);
        CheckAgainstLlamaCpp(file.Path, $"{preset} {type}", bound);
    }

    // Q4_K_M is the mix users download most; llama.cpp's Q8_0 quantizer is bit-identical to Gantry's writer (checked
    // in the Tensors parity tests), so the Q8_0 cases above already cover it.
    public static TheoryData<string, string> LlamaCppQuantizedCases() => new()
    {
        { "tiny-qwen3", "q4_k_m" },
        { "tiny-qwen3moe", "q4_k_m" },   // MoE: llama.cpp puts attn_output in Q5_K
        { "tiny-qwen2moe", "q4_k_m" },
        { "tiny-mixtral", "q4_k_m" },
        { "tiny-gemma2", "q4_k_m" },
        { "tiny-gemma3", "q5_k_m" },
        { "tiny-phi3", "q4_k_m" },
        { "tiny-mixtral", "q5_0" },      // Q5_0 is also what k-quant presets fall back to on rows not a multiple of 256
    };

    /// <summary>
    /// Files quantized by llama.cpp's own quantizer (through LLamaSharp) from Gantry's F32 file, as users download
    /// them: llama.cpp picks each tensor's type itself (Q4_K_M mixes Q4_K and Q6_K, keeps norms in F32).
    /// </summary>
    [Theory]
    [MemberData(nameof(LlamaCppQuantizedCases))]
    public void LogitsAndGreedy_QuantizedByLlamaCpp_MatchLlamaCpp(string preset, string type)
    {
        using var source = new TempFile();
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.Parse(preset), "f32", seed: 7, source.Path);
        LlamaCppQuantizer.Quantize(source.Path, file.Path, type);
        CheckAgainstLlamaCpp(file.Path, $"{preset} {type} (llama.cpp quantizer)", 2e-2);
    }

    private void CheckAgainstLlamaCpp(string path, string label, double bound)
    {
        using var ours = new GantryRunner(path);
        using var reference = new LlamaCppRunner(path);
        var prompts = Prompts.Select(p => (IReadOnlyList<int>)ours.Model.Tokenizer.Encode(p, addSpecial: true, parseSpecial: false)).ToArray();
        var comparable = new int[prompts.Length];
        var expected = new int[prompts.Length][];
        for (var i = 0; i < prompts.Length; i++)
        {
            var ourLogits = ours.LogitsAfter(prompts[i]);
            var error = LogitComparison.RelativeError(ourLogits, reference.LogitsAfter(prompts[i]));
            Assert.True(error <= bound, $"{label} prompt {i}: relative logit error {error:E2} > {bound:E0}");
            var (tokens, margins) = reference.Greedy(prompts[i], Steps);
            expected[i] = tokens;
            comparable[i] = LogitComparison.ComparableSteps(margins, (float)(bound * ourLogits.Max(Math.Abs)));
            var actual = ours.Greedy(prompts[i], Steps);
            Assert.Equal(tokens.Take(comparable[i]), actual.Take(comparable[i]));
            output.WriteLine($"{label} prompt {i} ({prompts[i].Count} tokens): logit error {error:E2}; identical for {tokens.Zip(actual).TakeWhile(p => p.First == p.Second).Count()} of {tokens.Length}, first near-tie at {comparable[i]}");
        }
        var batched = ours.GreedyBatched(prompts, Steps);
        for (var i = 0; i < prompts.Length; i++)
            Assert.Equal(expected[i].Take(comparable[i]), batched[i].Take(comparable[i]));
    }

    /// <summary>
    /// The engine's other paths on a sliding-window family and a MoE family: prefill in 8-token chunks, the prompt
    /// served a second time from the prefix cache, and n-gram speculation verifying several tokens per step all give
    /// llama.cpp's greedy tokens.
    /// </summary>
    [Theory]
    [InlineData("tiny-gemma2")]
    [InlineData("tiny-qwen2moe")]
    public async Task Greedy_ChunkedPrefillPrefixCacheAndSpeculation_MatchLlamaCpp(string preset)
    {
        using var file = new TempFile();
        ModelSynthesizer.Write(ModelShape.Parse(preset), "f32", seed: 7, file.Path);
        using var ours = new GantryRunner(file.Path);
        using var reference = new LlamaCppRunner(file.Path);
        var prompt = ours.Model.Tokenizer.Encode(Prompts[1], addSpecial: true, parseSpecial: false);
        var (expected, margins) = reference.Greedy(prompt, Steps);
        var steps = LogitComparison.ComparableSteps(margins, 1e-3f);
        var chunked = new EngineOptions { KvCacheBytes = 64L << 20, Scheduler = new SchedulerOptions { MaxBatchedTokens = 8 } };
        var speculative = new EngineOptions { KvCacheBytes = 64L << 20, Speculative = new SpeculativeOptions { Method = SpeculativeMethod.Ngram, NumSpeculativeTokens = 4 } };
        Assert.Equal(expected.Take(steps), ours.Greedy(prompt, Steps, chunked).Take(steps));
        Assert.Equal(expected.Take(steps), ours.Greedy(prompt, Steps, speculative).Take(steps));
        // One engine, the same prompt twice: the second run starts from cached blocks.
        using var engine = new LlmEngine(ours.Model, new EngineOptions { KvCacheBytes = 64L << 20 });
        for (var run = 0; run < 2; run++)
        {
            var events = await engine.GenerateAllAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = Steps });
            Assert.Equal(expected.Take(steps), events.Where(e => e.TokenId >= 0).Select(e => e.TokenId).Take(steps));
        }
        output.WriteLine($"{preset}: chunked, speculative and prefix-cached runs equal llama.cpp for {steps} tokens");
    }
}
