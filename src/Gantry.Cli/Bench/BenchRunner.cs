using Gantry.Engine;
using Gantry.Engine.Scheduling;
using Gantry.Models.Architectures;
using Gantry.Models;
using Gantry.Models.Attention;
using Gantry.Tensors.Threading;

namespace Gantry.Cli.Bench;

/// <summary>
/// Runs the measurements of <c>gantry bench</c> against one engine: a warm-up request (JIT and page-in of the
/// mapped weights), prefill, decode at each batch size, then optionally time to first token with and without a
/// cached prefix; with speculation on, the verify step's cost and, for the extractive and copying workloads, the
/// baseline-vs-speculative comparison (<see cref="SpeculativeComparison"/>). Every timed figure is the median of
/// <see cref="BenchSettings.Repeats"/> runs, because the machines this runs on are shared and noisy. Memory bandwidth is measured last, after the model is unloaded.
/// </summary>
internal static class BenchRunner
{
    private const int BlockSize = 16;

    /// <summary>Sequences in the structured-output comparison (the target: 16 constrained vs unconstrained).</summary>
    private const int ConstrainedBatch = 16;

    public static BenchReport Run(BenchSettings s, TextWriter? progress)
    {
        var weightBytes = WeightTraffic.BytesPerStep(s.ModelPath);
        var m = MeasureEngine(s, progress);
        // Read the peak before the bandwidth test allocates its buffer.
        var peakRss = PeakMemory.ResidentBytes();
        progress?.WriteLine("memory bandwidth");
        var bandwidth = MemoryBandwidth.ReadBytesPerSecond(s.Threads, s.BandwidthBufferBytes);
        var smallest = m.Decode.First();
        return new BenchReport
        {
            Model = s.ModelPath,
            Threads = s.Threads,
            PromptTokens = s.PromptTokens,
            GenTokens = s.GenTokens,
            Repeats = s.Repeats,
            KvCacheType = s.KvCacheType.ToString().ToLowerInvariant(),
            KvCacheBytes = m.KvCacheBytes,
            WeightBytesPerToken = weightBytes,
            PrefillTokensPerSecond = m.Prefill,
            DecodeTokensPerSecond = m.Decode,
            PeakRssBytes = peakRss,
            MemoryReadBytesPerSecond = bandwidth,
            // One step reads the weights once whatever the batch, so the step rate is what counts.
            DecodeBandwidthFraction = weightBytes * (smallest.Value / smallest.Key) / bandwidth,
            KvWasteFraction = m.KvWasteFraction,
            PrefixTokens = s.PrefixTokens,
            TtftColdSeconds = m.Prefix?.ColdSeconds,
            TtftPrefixCachedSeconds = m.Prefix?.CachedSeconds,
            PrefixCacheHitRate = m.Prefix?.HitRate,
            Speculative = s.Speculative is { Method: not Engine.Speculative.SpeculativeMethod.Off } spec
                ? new SpeculativeResult(spec.Method.ToString().ToLowerInvariant(), m.Final.SpeculativeDraftedTokens, m.Final.SpeculativeAcceptedTokens,
                    m.Final.SpeculativeAcceptanceRate, m.Final.SpeculativeMeanAcceptedLength)
                {
                    VerifyStepSeconds = m.VerifyStepSeconds,
                    DraftStepSeconds = m.DraftStepSeconds,
                    Comparison = m.Comparison,
                }
                : null,
            Constrained = m.Constrained,
        };
    }

    private static EngineMeasurements MeasureEngine(BenchSettings s, TextWriter? progress)
    {
        using var pool = new WorkerPool(s.Threads);
        using var model = ModelLoader.Load(s.ModelPath, pool, s.Repack);
        using var draft = s.DraftModelPath is null ? null : ModelLoader.Load(s.DraftModelPath, pool, s.Repack);
        var info = model.Info;
        var maxBatch = s.BatchSizes.Max();
        var longest = Math.Max(s.PromptTokens, s.PrefixTokens + BenchSettings.SuffixTokens) + s.GenTokens;
        if (longest > info.ContextLength)
            throw new CliUsageException($"prompt plus generated tokens ({longest}) exceed the model's context length ({info.ContextLength})");
        var copying = s.Workload == BenchWorkload.Copying
            ? CopyingPrompt.ForModel(s.ModelPath, info.VocabSize, model.Tokenizer.AddBos ? model.Tokenizer.BosId : null, s.PromptTokens, s.Seed)
            : null;
        var workloadPrompt = s.Workload == BenchWorkload.Extractive ? ExtractivePrompt.Tokens(model.Tokenizer, s.PromptFile) : copying?.Tokens;
        if (workloadPrompt is not null && workloadPrompt.Length + s.GenTokens > info.ContextLength)
            throw new CliUsageException($"the {s.Workload.ToString().ToLowerInvariant()} prompt ({workloadPrompt.Length} tokens) plus --gen-tokens {s.GenTokens} exceed the model's context length ({info.ContextLength})");
        var kvBytes = s.KvCacheBytes ?? DefaultKvBytes(info, s, Math.Max(maxBatch, ConstrainedBatch), workloadPrompt?.Length ?? 0);
        var options = new EngineOptions
        {
            KvCacheBytes = kvBytes,
            BlockSize = BlockSize,
            KvCacheType = s.KvCacheType,
            Speculative = (s.Speculative ?? new()) with { DraftModel = draft },
            // Prefill a whole prefix prompt in one step, so time to first token measures one forward pass.
            Scheduler = new SchedulerOptions
            {
                MaxNumSeqs = Math.Max(64, maxBatch),
                MaxBatchedTokens = Math.Max(512, Math.Max(s.PromptTokens, s.PrefixTokens + BenchSettings.SuffixTokens)),
            },
        };
        using var engine = new LlmEngine(model, options);
        var prompts = new RandomPrompts(info.VocabSize, s.Seed);

        progress?.WriteLine("warming up");
        EngineProbe.Decode(engine, Enumerable.Range(0, maxBatch).Select(_ => prompts.Next(Math.Min(32, s.PromptTokens))).ToArray(), 4);

        progress?.WriteLine($"prefill: {s.PromptTokens} tokens");
        var prefill = EngineProbe.Median(Enumerable.Range(0, s.Repeats)
            .Select(_ => s.PromptTokens / EngineProbe.TimeToFirstToken(engine, prompts.Next(s.PromptTokens))));

        var decode = new SortedDictionary<int, double>();
        double? waste = null;
        foreach (var batch in s.BatchSizes)
        {
            progress?.WriteLine($"decode: batch {batch}");
            var samples = Enumerable.Range(0, s.Repeats)
                .Select(_ => EngineProbe.Decode(engine, Enumerable.Range(0, batch).Select(_ => prompts.Next(s.PromptTokens)).ToArray(), s.GenTokens))
                .ToArray();
            decode[batch] = EngineProbe.Median(samples.Select(x => x.TokensPerSecond));
            if (batch == maxBatch && samples.Any(x => x.KvWasteFraction is not null))
                waste = EngineProbe.Median(samples.Where(x => x.KvWasteFraction is not null).Select(x => x.KvWasteFraction!.Value));
        }
        if (waste is null && s.BatchSizes.Count > 0)
        {
            // The timed decodes ran faster than the sampler could look (busy machine, tiny model): look once more, untimed.
            waste = EngineProbe.WasteWhileAllRunning(engine, Enumerable.Range(0, maxBatch).Select(_ => prompts.Next(s.PromptTokens)).ToArray(), info.ContextLength - s.PromptTokens);
        }

        PrefixResult? prefix = null;
        if (s.PrefixTokens > 0)
        {
            progress?.WriteLine($"time to first token: {s.PrefixTokens}-token prefix");
            prefix = MeasurePrefix(engine, prompts, s, maxBatch);
            waste = prefix.KvWasteFraction ?? waste;
        }

        // Totals of the throughput figures above, before the comparison adds its own.
        var final = engine.Stats;
        double[]? verify = null;
        double? draftStep = null;
        ComparisonResult? comparison = null;
        if (s.Speculative is { Method: not Engine.Speculative.SpeculativeMethod.Off } spec)
        {
            progress?.WriteLine($"verify step cost: 1 to {spec.NumSpeculativeTokens + 1} tokens");
            var context = workloadPrompt ?? prompts.Next(s.PromptTokens);
            verify = VerifyStepCost.Measure(model, context, spec.NumSpeculativeTokens + 1, Math.Max(5, s.Repeats), s.KvCacheType);
            // One drafted token costs a one-token pass of the draft model (its cache is F32, see DraftModelProposer).
            if (draft is not null) draftStep = VerifyStepCost.Measure(draft, context, 1, Math.Max(5, s.Repeats), KvCacheType.F32)[1];
            if (workloadPrompt is not null)
            {
                using var baseline = new LlmEngine(model, options with { Speculative = new Engine.Speculative.SpeculativeOptions() });
                comparison = SpeculativeComparison.Run(baseline, engine, workloadPrompt, s.GenTokens, s.Repeats, progress) with
                {
                    Workload = s.Workload.ToString().ToLowerInvariant(),
                    Copying = copying,
                };
            }
        }

        ConstrainedResult? constrained = null;
        if (!s.SkipConstrained)
        {
            progress?.WriteLine($"json-schema constrained decode: batch {ConstrainedBatch}");
            constrained = ConstrainedComparison.Run(engine, prompts, Math.Min(ConstrainedBatch, options.Scheduler.MaxNumSeqs), s.PromptTokens, s.GenTokens, s.Repeats, progress);
        }

        return new EngineMeasurements(kvBytes, prefill, decode, waste, prefix, final, verify, draftStep, comparison) { Constrained = constrained };
    }

    /// <summary>
    /// Cold: a fresh prefix plus a suffix. Cached: the same prefix with another suffix, right after. The hit rate is
    /// the cached request's share of prompt tokens served from the cache. Then the largest batch decodes requests
    /// sharing the prefix (a common system prompt), which is where the KV waste is sampled.
    /// </summary>
    private static PrefixResult MeasurePrefix(LlmEngine engine, RandomPrompts prompts, BenchSettings s, int batch)
    {
        var cold = new List<double>();
        var cached = new List<double>();
        var hits = new List<double>();
        for (var r = 0; r < s.Repeats; r++)
        {
            var prefix = prompts.Next(s.PrefixTokens);
            cold.Add(EngineProbe.TimeToFirstToken(engine, [.. prefix, .. prompts.Next(BenchSettings.SuffixTokens)]));
            var before = engine.Stats;
            cached.Add(EngineProbe.TimeToFirstToken(engine, [.. prefix, .. prompts.Next(BenchSettings.SuffixTokens)]));
            var after = engine.Stats;
            var queried = after.PrefixQueriedTokens - before.PrefixQueriedTokens;
            hits.Add(queried == 0 ? 0 : (double)(after.PrefixHitTokens - before.PrefixHitTokens) / queried);
        }
        // Compute the shared prefix once, so the batch below prefills only its suffixes, as behind a system prompt.
        var shared = prompts.Next(s.PrefixTokens);
        EngineProbe.TimeToFirstToken(engine, shared);
        var sample = EngineProbe.Decode(engine, Enumerable.Range(0, batch).Select(_ => (int[])[.. shared, .. prompts.Next(BenchSettings.SuffixTokens)]).ToArray(), s.GenTokens);
        return new PrefixResult(EngineProbe.Median(cold), EngineProbe.Median(cached), EngineProbe.Median(hits), sample.KvWasteFraction);
    }

    /// <summary>Room for the largest batch of prompts (or of prefix-sharing requests) plus slack for the prefix cache.</summary>
    private static long DefaultKvBytes(ModelInfo info, BenchSettings s, int batch, int workloadPromptTokens)
    {
        var longestPrompt = Math.Max(workloadPromptTokens, Math.Max(s.PromptTokens, s.PrefixTokens + BenchSettings.SuffixTokens));
        var perSequence = (longestPrompt + s.GenTokens + BlockSize - 1) / BlockSize + 1;
        var blocks = batch * perSequence + 2 * ((s.PrefixTokens + BenchSettings.SuffixTokens) / BlockSize + 2) + 8;
        return info.KvCacheBytes(BlockSize, blocks, s.KvCacheType);
    }

    private sealed record EngineMeasurements(
        long KvCacheBytes, double Prefill, SortedDictionary<int, double> Decode, double? KvWasteFraction, PrefixResult? Prefix, EngineStats Final,
        double[]? VerifyStepSeconds, double? DraftStepSeconds, ComparisonResult? Comparison)
    {
        public ConstrainedResult? Constrained { get; init; }
    }

    private sealed record PrefixResult(double ColdSeconds, double CachedSeconds, double HitRate, double? KvWasteFraction);
}
