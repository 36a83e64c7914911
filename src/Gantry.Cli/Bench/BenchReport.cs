using System.Globalization;
using System.Text.Json;

namespace Gantry.Cli.Bench;

/// <summary>
/// The results of one <c>gantry bench</c> run. The snake_case JSON names written by <see cref="WriteJson"/> are a
/// contract with scripts and dashboards: add fields, never rename them.
/// </summary>
internal sealed record BenchReport
{
    /// <summary>Speculative decoding counters over the throughput figures, when speculation was on; also the verify step cost and the extractive or copying comparison.</summary>
    public SpeculativeResult? Speculative { get; init; }

    public required string Model { get; init; }
    public required int Threads { get; init; }
    public required int PromptTokens { get; init; }
    public required int GenTokens { get; init; }
    public required int Repeats { get; init; }
    public required string KvCacheType { get; init; }
    public required long KvCacheBytes { get; init; }
    public required long WeightBytesPerToken { get; init; }

    /// <summary>The kernel tier the multiplies ran on (<c>KernelPaths.Best</c>): a speed figure holds for it only.</summary>
    public string KernelPath { get; init; } = Gantry.Tensors.Kernels.KernelPaths.Best.ToString();
    public required double PrefillTokensPerSecond { get; init; }

    /// <summary>Aggregate decode tokens/s by batch size (concurrent sequences).</summary>
    public required IReadOnlyDictionary<int, double> DecodeTokensPerSecond { get; init; }

    public required long PeakRssBytes { get; init; }
    public required double MemoryReadBytesPerSecond { get; init; }

    /// <summary>Weight bytes read per second while decoding at the smallest batch, as a fraction of <see cref="MemoryReadBytesPerSecond"/>.</summary>
    public required double DecodeBandwidthFraction { get; init; }

    /// <summary>Median KV waste while the largest batch decodes (the prefix-sharing batch when a prefix was given).</summary>
    public double? KvWasteFraction { get; init; }

    public int PrefixTokens { get; init; }
    public double? TtftColdSeconds { get; init; }
    public double? TtftPrefixCachedSeconds { get; init; }
    public double? PrefixCacheHitRate { get; init; }

    /// <summary>Throughput of one batch under a JSON-schema constraint against the same batch unconstrained, and the constraint's costs.</summary>
    public ConstrainedResult? Constrained { get; init; }

    public void WriteJson(TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("model", Model);
            w.WriteNumber("threads", Threads);
            w.WriteNumber("prompt_tokens", PromptTokens);
            w.WriteNumber("gen_tokens", GenTokens);
            w.WriteNumber("repeats", Repeats);
            w.WriteString("kv_cache_type", KvCacheType);
            w.WriteNumber("kv_cache_bytes", KvCacheBytes);
            w.WriteNumber("weight_bytes_per_token", WeightBytesPerToken);
            w.WriteString("kernel_path", KernelPath);
            w.WriteNumber("prefill_tokens_per_second", Round(PrefillTokensPerSecond));
            w.WriteStartObject("decode_tokens_per_second");
            foreach (var (batch, rate) in DecodeTokensPerSecond) w.WriteNumber(batch.ToString(CultureInfo.InvariantCulture), Round(rate));
            w.WriteEndObject();
            w.WriteNumber("peak_rss_bytes", PeakRssBytes);
            w.WriteNumber("memory_read_bytes_per_second", Math.Round(MemoryReadBytesPerSecond));
            w.WriteNumber("decode_bandwidth_fraction", Round(DecodeBandwidthFraction));
            if (KvWasteFraction is { } waste) w.WriteNumber("kv_waste_fraction", Round(waste));
            if (Speculative is { } spec)
            {
                w.WriteStartObject("speculative");
                w.WriteString("method", spec.Method);
                w.WriteNumber("drafted_tokens", spec.DraftedTokens);
                w.WriteNumber("accepted_tokens", spec.AcceptedTokens);
                w.WriteNumber("acceptance_rate", Round(spec.AcceptanceRate));
                w.WriteNumber("mean_accepted_length", Round(spec.MeanAcceptedLength));
                if (spec.VerifyStepSeconds is { } verify)
                {
                    w.WriteStartObject("verify_step_seconds");
                    for (var n = 1; n < verify.Count; n++) w.WriteNumber(n.ToString(CultureInfo.InvariantCulture), Round(verify[n], 7));
                    w.WriteEndObject();
                    w.WriteNumber("verify_step_cost_ratio", Round(verify[^1] / verify[1]));
                    if (spec.DraftStepSeconds is { } d)
                    {
                        w.WriteNumber("draft_step_seconds", Round(d, 7));
                        w.WriteNumber("draft_cost_ratio", Round(d / verify[1]));
                    }
                }
                if (spec.Comparison is { } c) WriteComparison(w, c);
                w.WriteEndObject();
            }
            if (PrefixTokens > 0)
            {
                w.WriteNumber("prefix_tokens", PrefixTokens);
                w.WriteNumber("ttft_cold_seconds", Round(TtftColdSeconds ?? 0, 6));
                w.WriteNumber("ttft_prefix_cached_seconds", Round(TtftPrefixCachedSeconds ?? 0, 6));
                w.WriteNumber("prefix_cache_hit_rate", Round(PrefixCacheHitRate ?? 0));
            }
            if (Constrained is { } k)
            {
                w.WriteNumber("constrained_mask_seconds_p99", Round(k.MaskSecondsP99, 9));
                w.WriteNumber("schema_compile_seconds", Round(k.SchemaCompileSeconds, 6));
                w.WriteStartObject("constrained");
                w.WriteNumber("batch", k.Batch);
                w.WriteNumber("unconstrained_tokens_per_second", Round(k.UnconstrainedTokensPerSecond));
                w.WriteNumber("constrained_tokens_per_second", Round(k.ConstrainedTokensPerSecond));
                w.WriteNumber("throughput_ratio", Round(k.Ratio));
                w.WriteNumber("mask_seconds_p50", Round(k.MaskSecondsP50, 9));
                w.WriteNumber("schema_compile_warm_seconds", Round(k.SchemaCompileWarmSeconds, 6));
                w.WriteNumber("first_request_seconds", Round(k.FirstRequestSeconds, 6));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteComparison(Utf8JsonWriter w, ComparisonResult c)
    {
        w.WriteString("workload", c.Workload);
        if (c.Copying is { } copy)
        {
            w.WriteNumber("workload_copy_span_tokens", copy.SpanLength);
            w.WriteBoolean("workload_copy_span_from_map", copy.FromMap);
            w.WriteNumber("workload_copy_cycle_tokens", copy.CycleLength);
        }
        w.WriteNumber("workload_prompt_tokens", c.PromptTokens);
        w.WriteNumber("workload_gen_tokens", c.GenTokens);
        w.WriteNumber("baseline_decode_tokens_per_second", Round(c.BaselineTokensPerSecond));
        w.WriteNumber("speculative_decode_tokens_per_second", Round(c.SpeculativeTokensPerSecond));
        w.WriteNumber("speedup", Round(c.Speedup));
        w.WriteNumber("median_round_speedup", Round(c.MedianRoundSpeedup));
        w.WriteNumber("workload_drafted_tokens", c.DraftedTokens);
        w.WriteNumber("workload_accepted_tokens", c.AcceptedTokens);
        w.WriteNumber("workload_acceptance_rate", Round(c.AcceptanceRate));
        w.WriteNumber("workload_mean_accepted_length", Round(c.MeanAcceptedLength));
        w.WriteBoolean("outputs_match", c.OutputsMatch);
        w.WriteStartArray("baseline_samples");
        foreach (var x in c.BaselineSamples) w.WriteNumberValue(Round(x));
        w.WriteEndArray();
        w.WriteStartArray("speculative_samples");
        foreach (var x in c.SpeculativeSamples) w.WriteNumberValue(Round(x));
        w.WriteEndArray();
    }

    public void WriteText(TextWriter o)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"model:              {Model}"));
        o.WriteLine(string.Create(c, $"threads:            {Threads}   prompt {PromptTokens} tokens, generate {GenTokens}, median of {Repeats}"));
        o.WriteLine(string.Create(c, $"prefill:            {PrefillTokensPerSecond:F1} tokens/s"));
        foreach (var (batch, rate) in DecodeTokensPerSecond)
            o.WriteLine(string.Create(c, $"decode batch {batch,-3}:   {rate:F1} tokens/s ({rate / batch:F1} per sequence)"));
        o.WriteLine(string.Create(c, $"weights per token:  {WeightBytesPerToken / 1048576.0:F1} MiB"));
        o.WriteLine($"kernel path:        {KernelPath}");
        o.WriteLine(string.Create(c, $"memory read:        {MemoryReadBytesPerSecond / 1e9:F2} GB/s; decode uses {DecodeBandwidthFraction:P1} of it"));
        o.WriteLine(string.Create(c, $"peak resident:      {PeakRssBytes / 1048576.0:F1} MiB"));
        if (KvWasteFraction is { } waste) o.WriteLine(string.Create(c, $"KV waste:           {waste:P2}"));
        if (Constrained is { } k)
            o.WriteLine(string.Create(c, $"json schema batch {k.Batch}: {k.ConstrainedTokensPerSecond:F1} vs {k.UnconstrainedTokensPerSecond:F1} tokens/s unconstrained ({k.Ratio:F2}x); mask p99 {k.MaskSecondsP99 * 1e6:F1} us; schema compile {k.SchemaCompileSeconds * 1000:F2} ms"));
        if (Speculative is { } spec)
        {
            o.WriteLine(string.Create(c, $"speculative:        {spec.Method}, acceptance {spec.AcceptanceRate:P1}, {spec.MeanAcceptedLength:F2} accepted per verify step"));
            if (spec.VerifyStepSeconds is { } v)
                o.WriteLine(string.Create(c, $"verify step:        {v.Count - 1} tokens cost {v[^1] / v[1]:F2}x one token ({v[1] * 1000:F2} ms)"));
            if (spec.Comparison is { } x)
                o.WriteLine(string.Create(c, $"{x.Workload + " decode:",-20}{x.BaselineTokensPerSecond:F1} -> {x.SpeculativeTokensPerSecond:F1} tokens/s ({x.Speedup:F2}x), acceptance {x.AcceptanceRate:P1}, outputs {(x.OutputsMatch ? "match" : "DIFFER")}"));
        }
        if (PrefixTokens > 0)
        {
            o.WriteLine(string.Create(c, $"TTFT cold:          {TtftColdSeconds * 1000:F1} ms ({PrefixTokens} + {BenchSettings.SuffixTokens} tokens)"));
            o.WriteLine(string.Create(c, $"TTFT cached prefix: {TtftPrefixCachedSeconds * 1000:F1} ms ({TtftColdSeconds / TtftPrefixCachedSeconds:F1}x faster, hit rate {PrefixCacheHitRate:P1})"));
        }
    }

    private static double Round(double v, int digits = 4) => double.IsFinite(v) ? Math.Round(v, digits) : 0;
}

/// <summary>Speculative decoding totals of a bench run (drafted and accepted tokens across every measurement).</summary>
internal sealed record SpeculativeResult(string Method, long DraftedTokens, long AcceptedTokens, double AcceptanceRate, double MeanAcceptedLength)
{
    /// <summary>Median seconds of one forward pass over n tokens of one sequence, indexed by n (1…k+1; element 0 unused).</summary>
    public IReadOnlyList<double>? VerifyStepSeconds { get; init; }

    /// <summary>Median seconds of a one-token pass of the draft model (draft method only): the cost of one drafted token.</summary>
    public double? DraftStepSeconds { get; init; }

    /// <summary>The extractive or copying workload's baseline-vs-speculative comparison (<c>--workload</c>).</summary>
    public ComparisonResult? Comparison { get; init; }
}
