using System.Text.Json;
using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Bench;

public sealed class BenchCommandTests
{
    private static readonly string[] Tiny =
    [
        "bench", "--model", SharedModels.Stories260K, "--prompt-tokens", "8", "--gen-tokens", "4", "--batch", "1,2",
        "--repeats", "1", "--bandwidth-buffer", "32MiB", "--threads", "2",
    ];

    /// <summary><see cref="Tiny"/> with some option values replaced (an option given twice is a usage error).</summary>
    private static string[] With(params (string Name, string Value)[] changes)
    {
        var args = (string[])Tiny.Clone();
        foreach (var (name, value) in changes) args[Array.IndexOf(args, name) + 1] = value;
        return args;
    }

    [Fact]
    public void Bench_Json_HasContractFieldsWithSaneValues()
    {
        // Sixteen tokens, not four: KV waste is sampled while both sequences run, and four tokens of this model can
        // come and go between two samples on a busy machine.
        var r = CliRunner.Run([.. With(("--gen-tokens", "16")), "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal("", r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;

        Assert.InRange(root.GetProperty("prefill_tokens_per_second").GetDouble(), 1e-3, 1e9);
        var decode = root.GetProperty("decode_tokens_per_second");
        Assert.Equal(["1", "2"], decode.EnumerateObject().Select(p => p.Name));
        Assert.All(decode.EnumerateObject(), p => Assert.InRange(p.Value.GetDouble(), 1e-3, 1e9));
        Assert.InRange(root.GetProperty("peak_rss_bytes").GetInt64(), 1L << 20, 1L << 40);
        Assert.InRange(root.GetProperty("memory_read_bytes_per_second").GetDouble(), 1e8, 1e13);
        // A 1 MiB model decodes from cache, so its weight traffic can exceed DRAM bandwidth many times over, the more
        // so when other tests load the machine during the bandwidth probe: only positive and finite is a fact here.
        Assert.InRange(root.GetProperty("decode_bandwidth_fraction").GetDouble(), 1e-9, 1e6);
        Assert.InRange(root.GetProperty("kv_waste_fraction").GetDouble(), 0, 1);
        Assert.True(root.GetProperty("weight_bytes_per_token").GetInt64() > 0);
        Assert.False(root.TryGetProperty("ttft_cold_seconds", out _));
        Assert.InRange(root.GetProperty("constrained_mask_seconds_p99").GetDouble(), 1e-9, 1);
        Assert.InRange(root.GetProperty("schema_compile_seconds").GetDouble(), 1e-7, 60);
        var constrained = root.GetProperty("constrained");
        Assert.Equal(16, constrained.GetProperty("batch").GetInt32());
        Assert.InRange(constrained.GetProperty("constrained_tokens_per_second").GetDouble(), 1e-3, 1e9);
        Assert.InRange(constrained.GetProperty("throughput_ratio").GetDouble(), 1e-3, 1e3);
    }

    [Fact]
    public void Bench_PrefixTokens_ReportsCachedTimeToFirstToken()
    {
        var r = CliRunner.Run([.. Tiny, "--prefix-tokens", "64", "--kv-cache-type", "q8_0", "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var root = JsonDocument.Parse(r.Stdout).RootElement;

        var cold = root.GetProperty("ttft_cold_seconds").GetDouble();
        var cached = root.GetProperty("ttft_prefix_cached_seconds").GetDouble();
        Assert.InRange(cold, 1e-6, 60);
        Assert.InRange(cached, 1e-6, 60);
        // The 64-token prefix is 4 whole blocks; the 16-token suffix is never cached, so 64 of 80 prompt tokens hit.
        Assert.Equal(0.8, root.GetProperty("prefix_cache_hit_rate").GetDouble(), 3);
        Assert.InRange(root.GetProperty("kv_waste_fraction").GetDouble(), 0, 1);
        Assert.Equal("q8_0", root.GetProperty("kv_cache_type").GetString());
    }

    [Fact]
    public void Bench_Text_PrintsEveryFigure()
    {
        var r = CliRunner.Run([.. Tiny, "--kv-cache-memory", "4MiB"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("prefill:", r.Stdout);
        Assert.Contains("decode batch 2", r.Stdout);
        Assert.Contains("memory read:", r.Stdout);
    }

    [Fact]
    public void Bench_ExtractiveWorkload_ComparesBaselineAndSpeculativeOnTheSameTokens()
    {
        var r = CliRunner.Run([.. With(("--gen-tokens", "24"), ("--repeats", "2")), "--speculative", "ngram", "--num-speculative-tokens", "3", "--workload", "extractive", "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var spec = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("speculative");

        Assert.Equal("extractive", spec.GetProperty("workload").GetString());
        Assert.Equal(24, spec.GetProperty("workload_gen_tokens").GetInt32());
        Assert.InRange(spec.GetProperty("workload_prompt_tokens").GetInt32(), 100, 400);
        var baseline = spec.GetProperty("baseline_decode_tokens_per_second").GetDouble();
        var speculative = spec.GetProperty("speculative_decode_tokens_per_second").GetDouble();
        Assert.InRange(baseline, 1e-3, 1e9);
        Assert.InRange(speculative, 1e-3, 1e9);
        // The report rounds each figure to four decimals on its own, so compare within exactly that rounding: half a unit
        // of the fourth decimal on the speedup, plus what the two rates' own rounding moves their ratio. (A bound relative
        // to the speedup alone failed when a stalled round on a loaded machine made the speedup tiny, e.g. 0.0003 against
        // 0.000287; an exact two-decimal match flipped on a rounding boundary, 1.1650 against 1.165.)
        var speedup = spec.GetProperty("speedup").GetDouble();
        var ratio = speculative / baseline;
        var rounding = 0.5e-4 * (1 + 1.1 * ratio * (1 / speculative + 1 / baseline)) + 1e-9 * ratio; // 1.1: second-order terms
        Assert.True(Math.Abs(ratio - speedup) <= rounding, $"speedup {speedup} vs {ratio} (rounding allows {rounding})");
        Assert.Equal(2, spec.GetProperty("baseline_samples").GetArrayLength());
        Assert.Equal(2, spec.GetProperty("speculative_samples").GetArrayLength());
        // Greedy decoding: speculation must not change a single token.
        Assert.True(spec.GetProperty("outputs_match").GetBoolean());
        // stories260K copies the start of the built-in story back, so some drafts are accepted.
        Assert.True(spec.GetProperty("workload_accepted_tokens").GetInt64() > 0);
        Assert.InRange(spec.GetProperty("workload_acceptance_rate").GetDouble(), 1e-6, 1);
        // One forward pass per size, 1 to k+1 tokens.
        Assert.Equal(["1", "2", "3", "4"], spec.GetProperty("verify_step_seconds").EnumerateObject().Select(p => p.Name));
        Assert.True(spec.GetProperty("verify_step_cost_ratio").GetDouble() > 0);
    }

    [Fact]
    public void Bench_PromptFile_UsesItsTextAsTheExtractivePrompt()
    {
        using var prompt = new TempFile();
        File.WriteAllText(prompt.Path, "Tom has a red ball. Tom has a red ball. Tom has a red ball.");
        var r = CliRunner.Run([.. Tiny, "--speculative", "ngram", "--prompt-file", prompt.Path, "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var spec = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("speculative");
        Assert.Equal("extractive", spec.GetProperty("workload").GetString());
        Assert.InRange(spec.GetProperty("workload_prompt_tokens").GetInt32(), 5, 40);
    }

    [Fact]
    public void Bench_ModelAsItsOwnDraft_AcceptsAlmostEveryDraftAndReportsTheDraftCost()
    {
        var r = CliRunner.Run([.. With(("--gen-tokens", "16")), "--draft-model", SharedModels.Stories260K, "--workload", "extractive", "--json"]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        var spec = JsonDocument.Parse(r.Stdout).RootElement.GetProperty("speculative");
        Assert.Equal("draft", spec.GetProperty("method").GetString());
        Assert.InRange(spec.GetProperty("draft_step_seconds").GetDouble(), 1e-7, 10);
        Assert.InRange(spec.GetProperty("draft_cost_ratio").GetDouble(), 1e-3, 1e3);
        // Greedy drafts from the target's own weights: only batched-vs-single rounding could flip one.
        Assert.InRange(spec.GetProperty("workload_acceptance_rate").GetDouble(), 0.9, 1);
        Assert.True(spec.GetProperty("outputs_match").GetBoolean());
    }
}
