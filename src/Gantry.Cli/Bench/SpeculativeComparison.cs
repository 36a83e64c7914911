using Gantry.Engine;

namespace Gantry.Cli.Bench;

/// <summary>
/// Single-stream decode of one prompt with speculation off and on, in the same process on the same model: rounds
/// alternate which engine goes first, so drift in the machine's speed (shared, noisy VMs) hits both alike, and the
/// medians are compared. Decoding is greedy, so both engines must produce the same tokens; that is checked once
/// before timing, because a speedup that changes the output would be no speedup.
/// </summary>
internal static class SpeculativeComparison
{
    /// <param name="baseline">An engine with speculation off; <paramref name="speculative"/> the same model with it on.</param>
    public static ComparisonResult Run(LlmEngine baseline, LlmEngine speculative, int[] prompt, int genTokens, int rounds, TextWriter? progress)
    {
        var expected = EngineProbe.Generate(baseline, prompt, genTokens);
        var actual = EngineProbe.Generate(speculative, prompt, genTokens);
        var match = expected.AsSpan().SequenceEqual(actual);

        var before = speculative.Stats;
        var baseSamples = new double[rounds];
        var specSamples = new double[rounds];
        for (var r = 0; r < rounds; r++)
        {
            progress?.WriteLine($"speculative comparison: round {r + 1} of {rounds}");
            if (r % 2 == 0)
            {
                baseSamples[r] = EngineProbe.Decode(baseline, [prompt], genTokens).TokensPerSecond;
                specSamples[r] = EngineProbe.Decode(speculative, [prompt], genTokens).TokensPerSecond;
            }
            else
            {
                specSamples[r] = EngineProbe.Decode(speculative, [prompt], genTokens).TokensPerSecond;
                baseSamples[r] = EngineProbe.Decode(baseline, [prompt], genTokens).TokensPerSecond;
            }
        }
        var after = speculative.Stats;
        var drafted = after.SpeculativeDraftedTokens - before.SpeculativeDraftedTokens;
        var accepted = after.SpeculativeAcceptedTokens - before.SpeculativeAcceptedTokens;
        var verifications = after.SpeculativeVerifications - before.SpeculativeVerifications;
        var baseMedian = EngineProbe.Median(baseSamples);
        var specMedian = EngineProbe.Median(specSamples);
        return new ComparisonResult(
            prompt.Length, genTokens, baseMedian, specMedian, specMedian / baseMedian,
            EngineProbe.Median(specSamples.Zip(baseSamples, (s, b) => s / b)),
            drafted, accepted, drafted == 0 ? 0 : (double)accepted / drafted, verifications == 0 ? 0 : (double)accepted / verifications,
            match, baseSamples, specSamples);
    }
}

/// <param name="Speedup">Median speculative rate ÷ median baseline rate.</param>
/// <param name="MedianRoundSpeedup">Median over rounds of that round's speculative ÷ baseline rate.</param>
/// <param name="MeanAcceptedLength">Accepted drafts per verification step.</param>
/// <param name="OutputsMatch">Whether both engines produced the same tokens (they must: decoding is greedy).</param>
internal sealed record ComparisonResult(
    int PromptTokens,
    int GenTokens,
    double BaselineTokensPerSecond,
    double SpeculativeTokensPerSecond,
    double Speedup,
    double MedianRoundSpeedup,
    long DraftedTokens,
    long AcceptedTokens,
    double AcceptanceRate,
    double MeanAcceptedLength,
    bool OutputsMatch,
    IReadOnlyList<double> BaselineSamples,
    IReadOnlyList<double> SpeculativeSamples)
{
    /// <summary>The workload's name in the report: extractive or copying.</summary>
    public string Workload { get; init; } = "extractive";

    /// <summary>How the copying workload's prompt was built (<c>--workload copying</c>), else null.</summary>
    public CopyingPromptParts? Copying { get; init; }
}
