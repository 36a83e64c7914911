namespace Gantry.Engine;

/// <summary>A snapshot of the engine's load and cache, published by the engine loop after every step.</summary>
public sealed record EngineStats
{
    public int Running { get; init; }
    public int Waiting { get; init; }
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
}
