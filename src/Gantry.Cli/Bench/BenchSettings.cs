using Gantry.Models.Attention;

namespace Gantry.Cli.Bench;

/// <summary>What one <c>gantry bench</c> run measures, validated by <see cref="Commands.BenchCommand"/>.</summary>
/// <param name="BatchSizes">Concurrent sequences for each decode measurement, ascending, no duplicates.</param>
/// <param name="PrefixTokens">Length of the shared prefix for the time-to-first-token test; 0 skips it.</param>
/// <param name="KvCacheBytes">KV cache budget; null sizes it from the largest batch and prompt.</param>
/// <param name="Workload">Extractive (real text) or copying (token ids) adds a single-stream baseline-vs-speculative comparison (needs speculation on).</param>
/// <param name="PromptFile">Text of the extractive prompt; null uses <see cref="ExtractivePrompt.BuiltInText"/>.</param>
/// <param name="SkipConstrained">Leave out the JSON-schema comparison (<c>--skip-constrained</c>): at a real model's
/// size its batch of 16 takes longer than everything else, when only the speculative comparison is wanted.</param>
/// <param name="Repack">Repack weights at load for the eight-row kernels (<c>--no-repack</c> turns it off).</param>
internal sealed record BenchSettings(
    string ModelPath,
    int PromptTokens,
    int GenTokens,
    IReadOnlyList<int> BatchSizes,
    int Threads,
    int PrefixTokens,
    long? KvCacheBytes,
    KvCacheType KvCacheType,
    ulong Seed,
    int Repeats,
    long BandwidthBufferBytes,
    Engine.Speculative.SpeculativeOptions? Speculative = null,
    string? DraftModelPath = null,
    BenchWorkload Workload = BenchWorkload.Random,
    string? PromptFile = null,
    bool Repack = true,
    bool SkipConstrained = false)
{
    /// <summary>Tokens after the shared prefix in the time-to-first-token test.</summary>
    public const int SuffixTokens = 16;
}
