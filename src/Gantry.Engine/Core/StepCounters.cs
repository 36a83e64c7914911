using System.Diagnostics;
using Gantry.Engine.KvCache;
using Gantry.Engine.Scheduling;
using Gantry.Engine.Speculative;

namespace Gantry.Engine.Core;

/// <summary>
/// The engine core's own counters (steps, generated tokens, finished requests, a few seconds of throughput) and
/// the <see cref="EngineStats"/> snapshot that joins them with the scheduler's, the KV cache's and speculation's.
/// Engine-loop thread only; the snapshots it makes are immutable, for any thread.
/// </summary>
internal sealed class StepCounters
{
    private const double ThroughputWindowSeconds = 5;
    private readonly Queue<(long Timestamp, int Tokens)> _recent = new();
    private long _recentTokens; // sum of _recent's tokens, kept so a snapshot is O(1)
    private long _steps, _generated;

    public long RequestsFinished { get; set; }

    /// <summary>Counts a step that ran the model and produced <paramref name="tokens"/> new tokens.</summary>
    public void RecordStep(int tokens)
    {
        _steps++;
        _generated += tokens;
        var now = Stopwatch.GetTimestamp();
        _recent.Enqueue((now, tokens));
        _recentTokens += tokens;
        while (_recent.Count > 0 && Stopwatch.GetElapsedTime(_recent.Peek().Timestamp, now).TotalSeconds > ThroughputWindowSeconds)
            _recentTokens -= _recent.Dequeue().Tokens;
    }

    public EngineStats Snapshot(Scheduler scheduler, KvCacheManager kv, long kvCacheBytes, SpeculativeDecoder? speculative)
    {
        long reserved = 0, used = 0;
        foreach (var seq in scheduler.Running)
        {
            reserved += (long)seq.BlockTable.Count * kv.BlockSize;
            used += seq.NumComputedTokens;
        }
        double rate = 0;
        if (_recent.Count > 1)
        {
            var span = Stopwatch.GetElapsedTime(_recent.Peek().Timestamp, Stopwatch.GetTimestamp()).TotalSeconds;
            if (span > 0) rate = (_recentTokens - _recent.Peek().Tokens) / span;
        }
        return new EngineStats
        {
            Running = scheduler.RunningCount,
            Waiting = scheduler.WaitingCount,
            RunningLoraAdapters = RunningAdapterNames(scheduler.Running),
            WaitingLoraAdapters = scheduler.WaitingCount == 0 ? [] : AdapterNames(scheduler.Waiting),
            BlocksTotal = kv.Pool.BlockCount,
            BlocksUsed = kv.Pool.BlocksUsed,
            BlockSize = kv.BlockSize,
            KvCacheBytes = kvCacheBytes,
            KvWasteFraction = reserved == 0 ? 0 : 1 - (double)used / reserved,
            PrefixQueriedTokens = kv.PrefixQueriedTokens,
            PrefixHitTokens = kv.PrefixHitTokens,
            Preemptions = scheduler.Preemptions,
            Steps = _steps,
            PromptTokensComputed = scheduler.PromptTokensComputed,
            GeneratedTokens = _generated,
            RequestsFinished = RequestsFinished,
            GenerationTokensPerSecond = rate,
            SpeculativeDraftedTokens = speculative?.DraftedTokens ?? 0,
            SpeculativeAcceptedTokens = speculative?.AcceptedTokens ?? 0,
            SpeculativeVerifications = speculative?.Verifications ?? 0,
        };
    }

    /// <summary>The running sequences' adapter names, by index (no enumerator) so a step without adapters allocates nothing here.</summary>
    private static IReadOnlyList<string> RunningAdapterNames(IReadOnlyList<Sequence> running)
    {
        for (var i = 0; i < running.Count; i++)
            if (running[i].Lora is not null) return AdapterNames(running);
        return [];
    }

    /// <summary>Distinct adapter names of the sequences; the shared empty list when none use one.</summary>
    private static IReadOnlyList<string> AdapterNames(IEnumerable<Sequence> sequences)
    {
        List<string>? names = null;
        foreach (var seq in sequences)
        {
            if (seq.Lora is not { } set) continue;
            names ??= [];
            foreach (var (adapter, _) in set.Adapters)
                if (!names.Contains(adapter.Name)) names.Add(adapter.Name);
        }
        return names is null ? [] : names;
    }
}
