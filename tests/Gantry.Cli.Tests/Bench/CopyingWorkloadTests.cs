using System.Text.Json;
using Gantry.Cli.Bench;
using Gantry.Models.Synthesis;
using Gantry.TestSupport;

namespace Gantry.Cli.Tests.Bench;

/// <summary>The copying workload of <c>gantry bench</c>: a token-id prompt whose continuation, for a model that follows
/// a next-token map with short cycles, repeats the prompt by construction.</summary>
public sealed class CopyingWorkloadTests
{
    [Theory]
    [InlineData(64, 128)]
    [InlineData(128, 200)]
    [InlineData(250, 300)]
    public void Prompt_HoldsAWholeCycle_SoTheMapsContinuationStaysInThePrompt(int cycle, int promptTokens)
    {
        var map = NextTokenMap.Cycles(32000, cycle, 5);
        var parts = CopyingPrompt.Build(map, 32000, bos: 1, promptTokens, seed: 3);
        var prompt = parts.Tokens;
        Assert.Equal(promptTokens, prompt.Length);
        Assert.Equal(1, prompt[0]);
        Assert.True(parts.FromMap);
        Assert.True(parts.WholeCycle);
        Assert.InRange(parts.CycleLength, cycle, 2 * cycle - 1);
        Assert.Equal(parts.CycleLength + CopyingPrompt.CueTokens, parts.SpanLength);
        // The prompt ends with the span's opening tokens (the cue), and nothing outside the span shares its tokens.
        var span = prompt.AsSpan(parts.SpanStart, parts.SpanLength).ToArray();
        Assert.Equal(span.Take(parts.CueLength), prompt.TakeLast(parts.CueLength));
        var outside = prompt.Skip(1).Take(parts.SpanStart - 1).Concat(prompt.Skip(parts.SpanStart + parts.SpanLength).SkipLast(parts.CueLength));
        Assert.Empty(outside.Intersect(span));
        // Every step of the model's greedy continuation, however long, repeats a step already taken in the prompt.
        var bigrams = prompt.Zip(prompt.Skip(1)).ToHashSet();
        var previous = prompt[^1];
        for (var i = 0; i < 3 * cycle; i++)
        {
            var next = map.Next[previous];
            Assert.Contains((previous, next), bigrams);
            previous = next;
        }
    }

    [Fact]
    public void Prompt_WithoutAMap_RepeatsARandomSpan_AndIsSeeded()
    {
        var a = CopyingPrompt.Build(null, 32000, bos: null, 100, seed: 7);
        Assert.False(a.FromMap);
        Assert.Equal(100, a.Tokens.Length);
        Assert.Equal(a.Tokens.AsSpan(a.SpanStart, a.CueLength).ToArray(), a.Tokens.TakeLast(a.CueLength));
        Assert.Equal(a.Tokens, CopyingPrompt.Build(null, 32000, bos: null, 100, seed: 7).Tokens);
        Assert.NotEqual(a.Tokens, CopyingPrompt.Build(null, 32000, bos: null, 100, seed: 8).Tokens);
        Assert.Throws<CliUsageException>(() => CopyingPrompt.Build(null, 32000, bos: 1, 20, seed: 7));
    }

    [Fact]
    public void Bench_CopyingWorkload_NgramAcceptsSeveralTokensAStep_AndKeepsGreedyOutput()
    {
        using var model = new TempFile();
        var synth = CliRunner.Run("synth", "--shape", "tiny", "--type", "q8_0", "--follow-map", "5", "--map-cycle", "32", "--out", model.Path);
        Assert.True(synth.ExitCode == 0, synth.Stderr);
        var r = CliRunner.Run(
            "bench", "--model", model.Path, "--prompt-tokens", "64", "--gen-tokens", "48", "--batch", "1", "--repeats", "1",
            "--bandwidth-buffer", "32MiB", "--threads", "2", "--speculative", "ngram", "--num-speculative-tokens", "7", "--workload", "copying", "--skip-constrained", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var root = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.False(root.TryGetProperty("constrained", out _)); // --skip-constrained
        var spec = root.GetProperty("speculative");
        Assert.Equal("copying", spec.GetProperty("workload").GetString());
        Assert.True(spec.GetProperty("workload_copy_span_from_map").GetBoolean());
        Assert.InRange(spec.GetProperty("workload_copy_cycle_tokens").GetInt32(), 32, 63);
        Assert.Equal(64, spec.GetProperty("workload_prompt_tokens").GetInt32());
        // Greedy decoding: speculation must not change a single token.
        Assert.True(spec.GetProperty("outputs_match").GetBoolean());
        // The model repeats the prompt's cycle by construction, so drafts copied from it pass: several a step.
        Assert.True(spec.GetProperty("workload_mean_accepted_length").GetDouble() > 1);
        Assert.InRange(spec.GetProperty("workload_acceptance_rate").GetDouble(), 0.5, 1);
    }
}
