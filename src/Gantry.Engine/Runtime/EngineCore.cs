using System.Diagnostics;
using Gantry.Engine.Constraints;
using Gantry.Engine.KvCache;
using Gantry.Engine.Sampling;
using Gantry.Engine.Scheduling;
using Gantry.Engine.Speculative;
using Gantry.Models.Runtime;

namespace Gantry.Engine.Runtime;

/// <summary>
/// The engine step, without threads: schedule, run the model, post-process (sample, append, detect stops, stream,
/// free). <see cref="LlmEngine"/> drives it from its loop thread; tests drive it directly.
/// </summary>
internal sealed class EngineCore : IDisposable
{
    private readonly ILanguageModel _model;
    private readonly KvCacheStorage _storage;
    private readonly KvCacheManager _kv;
    private readonly Scheduler _scheduler;
    private readonly ModelRunner _runner;
    private readonly ConstraintCache _constraints;
    private readonly Dictionary<long, RequestState> _requests = [];
    private readonly Queue<(long Timestamp, int Tokens)> _recent = new();
    private long _recentTokens; // sum of _recent's tokens, kept so a snapshot is O(1)
    private readonly IProposer? _proposer;
    private readonly List<Sequence> _decoding = [];
    private long _drafted, _accepted, _verifications;
    private long _nextId;
    private long _steps, _promptTokens, _generated, _finished;

    public EngineCore(ILanguageModel model, EngineOptions options)
    {
        _model = model;
        _constraints = new ConstraintCache(model.Tokenizer);
        var info = model.Info;
        var bytesPerBlock = KvCacheStorage.BytesFor(info, options.BlockSize, 1, options.KvCacheType);
        var blocks = (int)Math.Min(int.MaxValue, options.KvCacheBytes / bytesPerBlock);
        if (blocks < 1) throw new ArgumentException($"--kv-cache-memory {options.KvCacheBytes} bytes is less than one block ({bytesPerBlock} bytes)");
        _storage = model.CreateKvCache(options.BlockSize, blocks, options.KvCacheType);
        _kv = new KvCacheManager(new BlockPool(blocks, options.BlockSize), options.EnablePrefixCaching);
        _scheduler = new Scheduler(_kv, options.Scheduler);
        _runner = new ModelRunner(model, _storage);
        options.Speculative.Validate();
        if (options.StreamInterval < 1) throw new ArgumentOutOfRangeException(nameof(options.StreamInterval), $"must be at least 1 (got {options.StreamInterval})");
        _proposer = options.Speculative.Method switch
        {
            SpeculativeMethod.Ngram => new NgramProposer(options.Speculative.NgramMin, options.Speculative.NgramMax),
            SpeculativeMethod.Draft => new DraftModelProposer(options.Speculative.DraftModel!, model, options.BlockSize, blocks * options.BlockSize),
            _ => null,
        };
        Options = options;
        Stats = Snapshot();
    }

    public EngineOptions Options { get; }

    /// <summary>How long each constrained token's mask took (recent tokens; read by benchmarks and metrics).</summary>
    public MaskTimings ConstraintMaskTimings => _constraints.Timings;

    public ILanguageModel Model => _model;

    public bool HasWork => _scheduler.HasWork;

    public int PendingWaiting => _scheduler.WaitingCount;

    /// <summary>The latest snapshot, replaced (not mutated) after every step so other threads can read it.</summary>
    public EngineStats Stats { get; private set; }

    /// <summary>Validates and queues a request. Throws <see cref="ArgumentException"/> for a bad request and <see cref="QueueFullException"/> when full.</summary>
    public RequestState Add(GenerationRequest request)
    {
        var info = _model.Info;
        if (request.PromptTokens.Count == 0) throw new ArgumentException("the prompt has no tokens");
        if (request.PromptTokens.Count >= info.ContextLength)
            throw new ArgumentException($"the prompt has {request.PromptTokens.Count} tokens; the context holds {info.ContextLength}");
        if (request.MaxTokens < 1) throw new ArgumentException("max tokens must be at least 1");
        foreach (var t in request.PromptTokens)
            if ((uint)t >= (uint)info.VocabSize) throw new ArgumentException($"prompt token {t} is outside the vocabulary (0..{info.VocabSize - 1})");
        request.Sampling.Validate();
        var constraint = request.Grammar is null ? null : _constraints.Create(request.Grammar, request.MaxTokens);
        var state = new RequestState(_nextId++, request, _model.Tokenizer, info.VocabSize, Options.StreamInterval, constraint);
        _scheduler.Add(state.Sequence);
        _requests[state.Sequence.Id] = state;
        Stats = Snapshot();
        return state;
    }

    /// <summary>Stops a request now and frees its blocks (a no-op if it already finished).</summary>
    public void Cancel(RequestState state)
    {
        if (state.Finished) return;
        Finish(state, FinishReason.Cancelled);
        Stats = Snapshot(); // the loop may go idle next, so publish the freed blocks now
    }

    /// <summary>Runs one step. Returns false when there was nothing to do.</summary>
    public bool Step()
    {
        ProposeDrafts();
        var output = _scheduler.Schedule();
        foreach (var seq in output.Failed)
        {
            if (_requests.Remove(seq.Id, out var failed))
                failed.Finish(FinishReason.Error, error: $"the request needs {_kv.BlocksFor(seq.Tokens.Count + 1)} KV blocks but the cache has {_kv.Pool.BlockCount}; raise --kv-cache-memory");
        }
        if (output.IsEmpty)
        {
            Stats = Snapshot();
            return output.Failed.Count > 0;
        }
        try
        {
            _runner.Run(output);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            foreach (var seq in output.Scheduled)
                if (_requests.TryGetValue(seq.Id, out var s)) Finish(s, FinishReason.Error, error: "the model failed: " + e.Message);
            Stats = Snapshot();
            return true;
        }
        _steps++;
        var generated = 0;
        for (var i = 0; i < output.Scheduled.Count; i++)
        {
            var seq = output.Scheduled[i];
            var drafts = seq.DraftTokens.Count;
            if (seq.IsPrefilling) _promptTokens += Math.Min(seq.NumScheduledTokens, seq.PromptLength - seq.NumComputedTokens);
            seq.NumComputedTokens += seq.NumScheduledTokens - drafts;
            seq.NumScheduledTokens = 0;
            if (_runner.LogitsRows(i) == 0 || !_requests.TryGetValue(seq.Id, out var state))
            {
                _kv.CacheFullBlocks(seq);
                continue;
            }
            generated += drafts == 0 ? AppendSampled(state, i) : Verify(state, i);
        }
        _generated += generated;
        RecordThroughput(generated);
        Stats = Snapshot();
        return true;
    }

    /// <summary>Cancels everything (shutdown).</summary>
    public void CancelAll()
    {
        foreach (var state in _requests.Values.ToList()) Finish(state, FinishReason.Cancelled);
    }

    public void Dispose()
    {
        _proposer?.Dispose();
        _storage.Dispose();
    }

    /// <summary>Samples the next token of a sequence that is up to date (no drafts).</summary>
    private int AppendSampled(RequestState state, int scheduledIndex)
    {
        _kv.CacheFullBlocks(state.Sequence);
        var logits = _runner.Logits(scheduledIndex);
        AppendToken(state, logits, state.Sampler.Sample(logits));
        return 1;
    }

    /// <summary>
    /// Verifies a sequence's drafts against the target's logits at each drafted position: accepted drafts are kept,
    /// the first rejection is replaced by the target's own token (or, when all pass, a bonus token is sampled
    /// from the last row). KV slots written for rejected drafts are rolled back.
    /// </summary>
    private int Verify(RequestState state, int scheduledIndex)
    {
        var seq = state.Sequence;
        var drafts = seq.DraftTokens.Count;
        var accepted = 0;
        var appended = 0;
        for (var row = 0; row <= drafts && !state.Finished; row++)
        {
            var logits = _runner.Logits(scheduledIndex, row);
            bool ok;
            int token;
            if (row < drafts) token = state.Sampler.Verify(logits, seq.DraftTokens[row], out ok);
            else (token, ok) = (state.Sampler.Sample(logits), false);
            AppendToken(state, logits, token);
            appended++;
            if (!ok) break;
            accepted++;
        }
        _drafted += drafts;
        _accepted += accepted;
        _verifications++;
        seq.DraftTokens.Clear();
        if (!state.Finished)
        {
            // Keys and values are valid for the old last token and the accepted drafts only.
            _kv.Truncate(seq, seq.NumComputedTokens + accepted);
            seq.NumComputedTokens += accepted;
            _kv.CacheFullBlocks(seq);
            AdaptSpeculativeLength(seq, drafts, accepted);
        }
        return appended;
    }

    /// <summary>
    /// Grows the draft length after a fully accepted round and shrinks it when most drafts are rejected; when even
    /// a single draft is rejected the sequence decodes plainly for a while, since failed drafts cost a verify pass.
    /// </summary>
    private void AdaptSpeculativeLength(Sequence seq, int drafted, int accepted)
    {
        var max = Options.Speculative.NumSpeculativeTokens;
        if (!Options.Speculative.Adaptive) return;
        if (accepted == drafted) seq.SpeculativeLength = Math.Min(max, seq.SpeculativeLength + 1);
        else if (accepted == 0 && seq.SpeculativeLength == 1) seq.SpeculationCooldown = SpeculationCooldownSteps;
        else if (accepted * 2 < drafted) seq.SpeculativeLength = Math.Max(1, seq.SpeculativeLength - 1);
    }

    private const int SpeculationCooldownSteps = 8;

    /// <summary>Asks the proposer for drafts for every running sequence that is decoding (not prefilling).</summary>
    private void ProposeDrafts()
    {
        if (_proposer is null) return;
        _decoding.Clear();
        var contextLength = _model.Info.ContextLength;
        foreach (var seq in _scheduler.Running)
        {
            if (seq.NumUncomputedTokens != 1) continue;
            if (seq.SpeculationCooldown > 0)
            {
                seq.SpeculationCooldown--;
                continue;
            }
            if (seq.SpeculativeLength == 0 && seq.OutputLength == 0) seq.SpeculativeLength = Options.Speculative.NumSpeculativeTokens;
            // Never draft past max tokens or the context: the bonus token needs one slot too.
            var room = Math.Min(seq.MaxTokens - seq.OutputLength, contextLength - seq.Tokens.Count) - 1;
            if (room <= 0) continue;
            seq.SpeculativeLength = Math.Clamp(seq.SpeculativeLength, 1, Math.Min(room, Options.Speculative.NumSpeculativeTokens));
            _decoding.Add(seq);
        }
        if (_decoding.Count > 0) _proposer.Propose(_decoding);
    }

    private void AppendToken(RequestState state, ReadOnlySpan<float> logits, int token)
    {
        var seq = state.Sequence;
        var p = state.Request.Sampling;
        TokenLogProb[]? top = null;
        float? chosenLogProb = null;
        if (p.LogProbs > 0)
        {
            top = new TokenLogProb[Math.Min(p.LogProbs, logits.Length)];
            state.Sampler.ComputeLogProbs(logits, token, top, out var lp);
            chosenLogProb = lp;
        }
        state.Sampler.Accept(token);
        seq.Tokens.Add(token);

        if (!state.Request.IgnoreEndOfGeneration && _model.Tokenizer.IsEndOfGeneration(token))
        {
            state.Emit(new TokenEvent { TokenId = token, LogProb = chosenLogProb, TopLogProbs = top });
            Finish(state, FinishReason.Stop);
            return;
        }
        var (text, stopped) = state.Stops.Push(state.Detokenizer.Push(token));
        state.Emit(new TokenEvent { TokenId = token, TextDelta = text, LogProb = chosenLogProb, TopLogProbs = top });
        if (stopped) Finish(state, FinishReason.Stop, flush: false);
        else if (seq.OutputLength >= seq.MaxTokens || seq.Tokens.Count >= _model.Info.ContextLength) Finish(state, FinishReason.Length);
    }

    private void Finish(RequestState state, FinishReason reason, bool flush = true, string? error = null)
    {
        var trailing = flush ? state.Stops.Push(state.Detokenizer.Flush()).Emit + state.Stops.Flush() : "";
        _scheduler.Finish(state.Sequence);
        _proposer?.Forget(state.Sequence);
        _requests.Remove(state.Sequence.Id);
        _finished++;
        state.Finish(reason, trailing, error);
    }

    private void RecordThroughput(int tokens)
    {
        var now = Stopwatch.GetTimestamp();
        _recent.Enqueue((now, tokens));
        _recentTokens += tokens;
        while (_recent.Count > 0 && Stopwatch.GetElapsedTime(_recent.Peek().Timestamp, now).TotalSeconds > 5) _recentTokens -= _recent.Dequeue().Tokens;
    }

    private EngineStats Snapshot()
    {
        long reserved = 0, used = 0;
        foreach (var seq in _scheduler.Running)
        {
            reserved += (long)seq.BlockTable.Count * _kv.BlockSize;
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
            Running = _scheduler.RunningCount,
            Waiting = _scheduler.WaitingCount,
            BlocksTotal = _kv.Pool.BlockCount,
            BlocksUsed = _kv.Pool.BlocksUsed,
            BlockSize = _kv.BlockSize,
            KvCacheBytes = _storage.TotalBytes,
            KvWasteFraction = reserved == 0 ? 0 : 1 - (double)used / reserved,
            PrefixQueriedTokens = _kv.PrefixQueriedTokens,
            PrefixHitTokens = _kv.PrefixHitTokens,
            Preemptions = _scheduler.Preemptions,
            Steps = _steps,
            PromptTokensComputed = _promptTokens,
            GeneratedTokens = _generated,
            RequestsFinished = _finished,
            GenerationTokensPerSecond = rate,
            SpeculativeDraftedTokens = _drafted,
            SpeculativeAcceptedTokens = _accepted,
            SpeculativeVerifications = _verifications,
        };
    }
}
