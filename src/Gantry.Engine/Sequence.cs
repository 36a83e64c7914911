using System.Runtime.InteropServices;
using Gantry.Models.Lora;

namespace Gantry.Engine;

/// <summary>
/// A request's state inside the engine: its tokens (prompt, then output), how many of them are in the KV cache,
/// and the blocks that hold them. One rule drives chunked prefill, prefix caching, decoding and recompute after
/// preemption alike: each step <see cref="NumComputedTokens"/> catches up with <see cref="Tokens"/>.
/// </summary>
/// <remarks>
/// Shared vocabulary of the scheduler and the KV cache manager, so it lives at the engine root and neither folder
/// imports the other. Everyone may read it; only the scheduler (<c>Schedule</c>, <c>UpdateFromOutput</c>,
/// <c>Finish</c>) and the KV cache manager it calls change it, through the internal setters below. (The draft-model
/// proposer also drives its own private shadow sequences through a KV cache manager of its own; those are never
/// scheduled.) Owned by the engine-loop thread.
/// </remarks>
public sealed class Sequence
{
    private readonly List<int> _tokens;

    public Sequence(long id, ReadOnlySpan<int> prompt, int maxTokens, int priority = 0, string? cacheSalt = null, bool ignoreEndOfGeneration = false, LoraSet? lora = null)
    {
        Lora = lora;
        if (prompt.IsEmpty) throw new ArgumentException("a sequence needs at least one prompt token", nameof(prompt));
        Id = id;
        _tokens = [.. prompt];
        PromptLength = prompt.Length;
        MaxTokens = maxTokens;
        Priority = priority;
        CacheSalt = cacheSalt;
        IgnoreEndOfGeneration = ignoreEndOfGeneration;
    }

    public long Id { get; }

    /// <summary>When the sequence was created (handed to the engine), a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</summary>
    public long SubmittedTimestamp { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>When the scheduler first gave it a step (0 until then); the gap since <see cref="SubmittedTimestamp"/> is its queue wait.</summary>
    public long FirstScheduledTimestamp { get; internal set; }

    /// <summary>Prompt tokens followed by generated ones.</summary>
    public IReadOnlyList<int> Tokens => _tokens;

    public int PromptLength { get; }

    public int MaxTokens { get; }

    /// <summary>Lower runs first; equal priorities run first-come first-served.</summary>
    public int Priority { get; }

    /// <summary>Isolation key of the prefix cache (null shares with every sequence without one).</summary>
    public string? CacheSalt { get; }

    /// <summary>Keep generating through end-of-generation tokens (benchmarks).</summary>
    public bool IgnoreEndOfGeneration { get; }

    /// <summary>The LoRA adapters the sequence runs with (null: the base model); they also key its prefix cache.</summary>
    public LoraSet? Lora { get; }

    public SequenceStatus Status { get; internal set; } = SequenceStatus.Waiting;

    /// <summary>Tokens whose keys and values are in the cache.</summary>
    public int NumComputedTokens { get; internal set; }

    /// <summary>Prompt tokens found in the prefix cache at the latest admission.</summary>
    public int NumCachedTokens { get; internal set; }

    /// <summary>Tokens the current step computes for this sequence (drafts included).</summary>
    public int NumScheduledTokens { get; internal set; }

    /// <summary>Times this sequence was preempted and recomputed.</summary>
    public int Preemptions { get; internal set; }

    /// <summary>Process CPU seconds of the steps this sequence ran in, its share by scheduled tokens (cost accounting).</summary>
    public double CpuSeconds { get; internal set; }

    /// <summary>Sum over its steps of 1 / sequences in the step: how many full weight reads it is charged for (cost accounting).</summary>
    public double WeightShare { get; internal set; }

    /// <summary>The KV cache blocks holding this sequence's tokens, in order.</summary>
    public IReadOnlyList<int> BlockTable => Blocks;

    /// <summary>Speculative tokens proposed to follow <see cref="Tokens"/>; verified (and cleared) by the next step.</summary>
    public IReadOnlyList<int> DraftTokens => Drafts;

    /// <summary>Content hashes of the leading full blocks, chained from the root hash of <see cref="CacheSalt"/>.</summary>
    public IReadOnlyList<ulong> BlockHashes => Hashes;

    public int OutputLength => _tokens.Count - PromptLength;

    /// <summary>Tokens still to compute before the next token can be sampled.</summary>
    public int NumUncomputedTokens => _tokens.Count - NumComputedTokens;

    public bool IsPrefilling => NumComputedTokens < PromptLength;

    internal List<int> Blocks { get; } = [];

    internal List<int> Drafts { get; } = [];

    internal List<ulong> Hashes { get; } = [];

    internal ReadOnlySpan<int> TokenSpan => CollectionsMarshal.AsSpan(_tokens);

    internal void AppendToken(int token) => _tokens.Add(token);

    /// <summary>Drops tokens past <paramref name="count"/> (the draft proposer's shadows, after the target rejected drafts).</summary>
    internal void TruncateTokens(int count) => _tokens.RemoveRange(count, _tokens.Count - count);

    public override string ToString() => $"seq {Id} ({Status}, {NumComputedTokens}/{_tokens.Count} computed, {Blocks.Count} blocks)";
}
