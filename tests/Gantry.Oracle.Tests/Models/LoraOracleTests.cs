using Gantry.Engine;
using Gantry.Models.Architectures.Decoder;
using Gantry.Models.Architectures;
using Gantry.Models.Attention;
using Gantry.Models.Lora;
using Gantry.Models.Lora.Loading;
using Gantry.Models.Synthesis;
using Gantry.Oracle.Tests.LlamaCpp;
using Gantry.Tensors.Threading;
using Gantry.TestSupport;
using Xunit.Abstractions;

namespace Gantry.Oracle.Tests.Models;

/// <summary>
/// LoRA adapters from Gantry's writer, applied by Gantry (deltas beside the base matmuls) and by llama.cpp (through
/// LLamaSharp's adapter API) to the same synthetic F32 base: logits after each prompt and greedy continuations agree.
/// </summary>
public sealed class LoraOracleTests(ITestOutputHelper output)
{
    private const int Steps = 32;

    private static readonly string[] Prompts = ["Once upon a time", "The little girl went to the park and saw a big dog.", "Tom and Lily were friends. One day,"];

    [Theory]
    [InlineData(8, -1f, "f32", new[] { 1f })]
    [InlineData(16, 4f, "f16", new[] { 0.5f })]
    [InlineData(4, -1f, "f32", new[] { 1f, 0.75f })]
    public async Task LogitsAndGreedy_WithAdapters_MatchLlamaCpp(int rank, float alpha, string adapterType, float[] scales)
    {
        using var basePath = new TempFile();
        var shape = ModelShape.Small;
        ModelSynthesizer.Write(shape, "f32", seed: 7, basePath.Path);
        var files = scales.Select(_ => new TempFile()).ToArray();
        try
        {
            for (var i = 0; i < files.Length; i++) LoraSynthesizer.Build(shape, rank, seed: 20 + (ulong)i, alpha, adapterType, strength: 0.5f).WriteTo(files[i].Path);
            using var pool = new WorkerPool(2);
            using var model = (DecoderModel)ModelLoader.Load(basePath.Path, pool);
            var set = new LoraSet(files.Select((f, i) => (LoraAdapterLoader.Load(f.Path, model.LoraShape), scales[i])).ToArray());
            using var reference = new LlamaCppRunner(basePath.Path);
            reference.SetLoraAdapters(files.Select((f, i) => (f.Path, scales[i])).ToArray());

            foreach (var text in Prompts)
            {
                var prompt = model.Tokenizer.Encode(text, addSpecial: true, parseSpecial: false);
                var ours = LogitsAfter(model, prompt, set);
                var plain = LogitsAfter(model, prompt, null);
                var theirs = reference.LogitsAfter(prompt);
                var error = LogitComparison.RelativeError(ours, theirs);
                Assert.True(error <= 1e-4, $"relative logit error {error:E2} with the adapters");
                // The adapters move the logits far more than the two implementations differ.
                Assert.True(LogitComparison.RelativeError(plain, theirs) > 100 * Math.Max(error, 1e-7), "the adapters should change the logits");

                var (expected, margins) = reference.Greedy(prompt, Steps);
                var comparable = LogitComparison.ComparableSteps(margins, (float)(1e-4 * ours.Max(Math.Abs)));
                using var engine = new LlmEngine(model, new EngineOptions { KvCacheBytes = 64L << 20 });
                var events = await engine.GenerateAllAsync(new GenerationRequest { PromptTokens = prompt, MaxTokens = Steps, Lora = set });
                var actual = events.Where(e => e.TokenId >= 0).Select(e => e.TokenId).ToArray();
                Assert.Equal(expected.Take(comparable), actual.Take(comparable));
                output.WriteLine($"rank {rank} alpha {alpha} {adapterType} scales [{string.Join(", ", scales)}] '{text}': logit error {error:E2}, identical for {comparable} of {expected.Length} steps");
            }
        }
        finally
        {
            foreach (var f in files) f.Dispose();
        }
    }

    private static float[] LogitsAfter(DecoderModel model, int[] prompt, LoraSet? lora)
    {
        const int blockSize = 16;
        var blocks = (prompt.Length + blockSize - 1) / blockSize;
        using var cache = model.CreateKvCache(blockSize, blocks, KvCacheType.F32);
        var batch = new ForwardBatch();
        batch.Add(prompt, 0, Enumerable.Range(0, blocks).ToArray(), 1, lora);
        var logits = new float[model.Info.VocabSize];
        model.Forward(batch, cache, logits);
        return logits;
    }
}
