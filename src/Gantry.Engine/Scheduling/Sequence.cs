using Gantry.Engine.KvCache;

namespace Gantry.Engine.Scheduling;

/// <summary>
/// A request's state inside the engine: its tokens (prompt, then output), how many of them are in the KV cache,
/// and the blocks that hold them. One rule drives chunked prefill, prefix caching, decoding and recompute after
/// preemption alike: each step <see cref="NumComputedTokens"/> catches up with <see cref="Tokens"/>.
/// Owned by the engine-loop thread.
/// </summary>
public sealed class Sequence
{
    public Sequence(long id, ReadOnlySpan<int> prompt, int maxTokens, int priority = 0, string? cacheSalt = null)
    {
        if (prompt.IsEmpty) throw new ArgumentException("a sequence needs at least one prompt token", nameof(prompt));
        Id = id;
        Tokens = [.. prompt];
        PromptLength = prompt.Length;
        MaxTokens = maxTokens;
        Priority = priority;
        RootHash = BlockHasher.Root(cacheSalt);
    }

    public long Id { get; }

    /// <summary>Prompt tokens followed by generated ones.</summary>
    public List<int> Tokens { get; }

    public int PromptLength { get; }

    public int MaxTokens { get; }

    /// <summary>Lower runs first; equal priorities run first-come first-served.</summary>
    public int Priority { get; }

    public SequenceStatus Status { get; set; } = SequenceStatus.Waiting;

    /// <summary>Tokens whose keys and values are in the cache.</summary>
    public int NumComputedTokens { get; set; }

    /// <summary>Prompt tokens found in the prefix cache at the latest admission.</summary>
    public int NumCachedTokens { get; set; }

    /// <summary>Tokens the current step computes for this sequence.</summary>
    public int NumScheduledTokens { get; set; }

    /// <summary>Times this sequence was preempted and recomputed.</summary>
    public int Preemptions { get; set; }

    public List<int> BlockTable { get; } = [];

    /// <summary>Speculative tokens proposed to follow <see cref="Tokens"/>; verified (and cleared) by the next step.</summary>
    public List<int> DraftTokens { get; } = [];

    /// <summary>How many draft tokens to ask for next (adapted to the recent acceptance rate).</summary>
    public int SpeculativeLength { get; set; }

    /// <summary>Steps to decode without drafts after speculation kept failing for this sequence.</summary>
    public int SpeculationCooldown { get; set; }

    /// <summary>Content hashes of the leading full blocks, chained from <see cref="RootHash"/>.</summary>
    public List<ulong> BlockHashes { get; } = [];

    public ulong RootHash { get; }

    public int OutputLength => Tokens.Count - PromptLength;

    /// <summary>Tokens still to compute before the next token can be sampled.</summary>
    public int NumUncomputedTokens => Tokens.Count - NumComputedTokens;

    public bool IsPrefilling => NumComputedTokens < PromptLength;

    public override string ToString() => $"seq {Id} ({Status}, {NumComputedTokens}/{Tokens.Count} computed, {BlockTable.Count} blocks)";
}
