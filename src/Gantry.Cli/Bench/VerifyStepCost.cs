using System.Diagnostics;
using Gantry.Models;
using Gantry.Models.Attention;

namespace Gantry.Cli.Bench;

/// <summary>
/// Time of one forward pass over n = 1…k+1 consecutive tokens of one sequence, each wanting logits, after a
/// context of <c>contextTokens</c> — what a verify step of k drafts costs against a plain decode step. The ratio
/// bounds speculation: a step that yields on average E tokens speeds decode up by at most E ÷ (its cost ÷ one
/// token's cost). Runs the model directly (no engine, no sampling), on its own small KV cache; the model must be idle.
/// </summary>
internal static class VerifyStepCost
{
    private const int BlockSize = 16;

    /// <param name="minRepeats">Fewest timed passes per size; more are run, up to about a quarter second per size, when passes are short.</param>
    /// <returns>Median seconds per forward pass, indexed by token count (element 0 unused).</returns>
    public static double[] Measure(ILanguageModel model, int[] context, int maxTokens, int minRepeats, KvCacheType kvType)
    {
        var total = context.Length + maxTokens;
        var blocks = (total + BlockSize - 1) / BlockSize;
        using var cache = model.CreateKvCache(BlockSize, blocks, kvType);
        var table = Enumerable.Range(0, blocks).ToArray();
        var vocab = model.Info.VocabSize;
        var logits = new float[maxTokens * vocab];

        // Fill the cache with the context in chunks, as a long prefill would be.
        for (var start = 0; start < context.Length; start += 512)
        {
            var chunk = context.AsSpan(start, Math.Min(512, context.Length - start));
            var prefill = new ForwardBatch();
            prefill.Add(chunk, start, table, 1);
            model.Forward(prefill, cache, logits);
        }

        // The drafted tokens' values do not change the cost. Every pass writes the same slots after the context, so
        // the context stays intact between passes. Sizes interleave within each round, so drift hits them alike.
        var drafts = Enumerable.Range(0, maxTokens).Select(i => context[i % context.Length]).ToArray();
        var batches = new ForwardBatch[maxTokens + 1];
        var warm = 0.0;
        for (var n = 1; n <= maxTokens; n++)
        {
            batches[n] = new ForwardBatch();
            batches[n].Add(drafts.AsSpan(0, n), context.Length, table, n);
            var t0 = Stopwatch.GetTimestamp();
            model.Forward(batches[n], cache, logits); // warm-up: scratch buffers grow to n tokens
            if (n == 1) warm = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
        // Tiny models take microseconds a pass, too short for a handful of samples on a noisy machine.
        var repeats = (int)Math.Clamp(0.25 / Math.Max(warm, 1e-6), minRepeats, 500);
        var samples = new double[maxTokens + 1][];
        for (var n = 1; n <= maxTokens; n++) samples[n] = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            for (var n = 1; n <= maxTokens; n++)
            {
                var t0 = Stopwatch.GetTimestamp();
                model.Forward(batches[n], cache, logits);
                samples[n][r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            }
        }
        var seconds = new double[maxTokens + 1];
        for (var n = 1; n <= maxTokens; n++) seconds[n] = EngineProbe.Median(samples[n]);
        return seconds;
    }
}
