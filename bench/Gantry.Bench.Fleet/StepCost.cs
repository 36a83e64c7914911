using System.Diagnostics;
using Gantry.Engine;
using Gantry.Models.Architectures;
using Gantry.Tensors.Threading;

namespace Gantry.Bench.Fleet;

/// <summary>
/// An engine step's duration, fitted from the real engine: <c>Base + PerSequence × decoding sequences + PerPrefillToken ×
/// prefill tokens</c>. Measured on the given GGUF with one worker thread: a long and a short prompt (prefill slope) and
/// decode runs at batch 1 and 16 (per-sequence slope).
/// </summary>
public sealed record StepCost(double Base, double PerSequence, double PerPrefillToken)
{
    public double Seconds(int decoding, int prefillTokens) => Base + PerSequence * decoding + PerPrefillToken * prefillTokens;

    public static async Task<StepCost> MeasureAsync(string modelPath)
    {
        using var pool = new WorkerPool(1);
        using var model = ModelLoader.Load(modelPath, pool);
        await using var engine = new LlmEngine(model, new EngineOptions { KvCacheBytes = 64L << 20, EnablePrefixCaching = false });
        var rng = new Random(5);
        int[] Prompt(int n) => Enumerable.Range(0, n).Select(_ => rng.Next(3, 500)).ToArray();
        async Task<double> Time(int prompt, int gen, int batch)
        {
            var best = double.MaxValue;
            for (var round = 0; round < 3; round++)
            {
                var sw = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => engine.GenerateAllAsync(
                    new GenerationRequest { PromptTokens = Prompt(prompt), MaxTokens = gen, IgnoreEndOfGeneration = true })));
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            return best;
        }
        await Time(32, 8, 4); // warm up
        var shortPrompt = await Time(16, 1, 1);
        var longPrompt = await Time(400, 1, 1);
        var perToken = Math.Max(1e-9, (longPrompt - shortPrompt) / 384);
        var decode1 = (await Time(16, 65, 1) - shortPrompt) / 64;
        var decode16 = (await Time(16, 65, 16) - 16 * shortPrompt) / 64;
        var perSeq = Math.Max(1e-9, (decode16 - decode1) / 15);
        var baseCost = Math.Max(1e-9, decode1 - perSeq);
        return new StepCost(baseCost, perSeq, perToken);
    }
}
