namespace Gantry.Engine;

/// <summary>A snapshot of the engine's load and cache, published by the engine loop after every step.</summary>
public sealed record EngineStats
{
    public int Running { get; init; }
    public int Waiting { get; init; }

    /// <summary>Names of the LoRA adapters the running (and the waiting) sequences use, each once.</summary>
    public IReadOnlyList<string> RunningLoraAdapters { get; init; } = [];
    public IReadOnlyList<string> WaitingLoraAdapters { get; init; } = [];
    public int BlocksTotal { get; init; }
    public int BlocksUsed { get; init; }
    public int BlocksFree => BlocksTotal - BlocksUsed;
    public int BlockSize { get; init; }
    public long KvCacheBytes { get; init; }

    /// <summary>Fraction of reserved token slots (blocks held by running sequences) that hold no token.</summary>
    public double KvWasteFraction { get; init; }

    public double KvUsage => BlocksTotal == 0 ? 0 : (double)BlocksUsed / BlocksTotal;
    public long PrefixQueriedTokens { get; init; }
    public long PrefixHitTokens { get; init; }
    public double PrefixHitRate => PrefixQueriedTokens == 0 ? 0 : (double)PrefixHitTokens / PrefixQueriedTokens;
    public long Preemptions { get; init; }
    public long Steps { get; init; }
    public long PromptTokensComputed { get; init; }
    public long GeneratedTokens { get; init; }
    public long RequestsFinished { get; init; }

    /// <summary>Generated tokens per second over the last few seconds.</summary>
    public double GenerationTokensPerSecond { get; init; }

    /// <summary>Draft tokens proposed and verified by speculative decoding.</summary>
    public long SpeculativeDraftedTokens { get; init; }

    public long SpeculativeAcceptedTokens { get; init; }

    /// <summary>Verification steps (one per sequence per step that carried drafts).</summary>
    public long SpeculativeVerifications { get; init; }

    public double SpeculativeAcceptanceRate => SpeculativeDraftedTokens == 0 ? 0 : (double)SpeculativeAcceptedTokens / SpeculativeDraftedTokens;

    /// <summary>Drafts accepted per verification step (the tokens gained over plain decoding, which makes one).</summary>
    public double SpeculativeMeanAcceptedLength => SpeculativeVerifications == 0 ? 0 : (double)SpeculativeAcceptedTokens / SpeculativeVerifications;
}
