namespace Gantry.Cli.Bench;

/// <summary>What the speculative comparison of <c>gantry bench</c> decodes (<c>--workload</c>).</summary>
internal enum BenchWorkload
{
    /// <summary>Random prompt tokens only (the throughput figures); no baseline-vs-speculative comparison.</summary>
    Random,

    /// <summary>Real text whose continuation repeats spans of the prompt: the built-in passage or <c>--prompt-file</c>.</summary>
    Extractive,

    /// <summary>A prompt of token ids holding a span the model's continuation repeats (<see cref="CopyingPrompt"/>); a
    /// model synthesized with <c>--follow-map --map-cycle</c> copies it by construction.</summary>
    Copying,
}
