using Gantry.Engine.Constraints;
using Gantry.Engine.KvCache;
using Gantry.Engine.Output;
using Gantry.Engine.Scheduling;
using Gantry.Engine.Speculative;
using Gantry.Models;
using Gantry.Models.Attention;

namespace Gantry.Engine.Core;

/// <summary>
/// The engine step, without threads. <see cref="Step"/> reads top to bottom: propose drafts, schedule, run the
/// model, sample (or verify drafts), let the scheduler update its sequences from the output, process the output
/// into each request's stream. <see cref="LlmEngine"/> drives it from its loop thread; tests drive it directly.
/// </summary>
internal sealed class EngineCore : IDisposable
{
    private readonly ILanguageModel _model;
    private readonly KvCacheStorage _storage;
    private readonly KvCacheManager _kv;
    private readonly Scheduler _scheduler;
    private readonly ModelRunner _runner;
    private readonly ConstraintCache _constraints;
    private readonly SpeculativeDecoder? _speculative;
    private readonly OutputProcessor _output = new();
    private readonly StepOutput _stepOutput = new();
    private readonly StepCounters _counters = new();
    private long _nextId;

    public EngineCore(ILanguageModel model, EngineOptions options)
    {
        _model = model;
        _constraints = new ConstraintCache(model.Tokenizer);
        var info = model.Info;
        var bytesPerBlock = info.KvCacheBytes(options.BlockSize, 1, options.KvCacheType);
        var blocks = (int)Math.Min(int.MaxValue, options.KvCacheBytes / bytesPerBlock);
        if (blocks < 1) throw new ArgumentException($"({options.KvCacheBytes} bytes) is less than one KV block ({bytesPerBlock} bytes)", nameof(options.KvCacheBytes));
        if (options.StreamInterval < 1) throw new ArgumentOutOfRangeException(nameof(options.StreamInterval), $"must be at least 1 (got {options.StreamInterval})");
        options.Scheduler.Validate();
        _speculative = SpeculativeDecoder.Create(options.Speculative, model, options.BlockSize, blocks * options.BlockSize);
        _storage = model.CreateKvCache(options.BlockSize, blocks, options.KvCacheType);
        _kv = new KvCacheManager(new BlockPool(blocks, options.BlockSize), options.EnablePrefixCaching);
        _scheduler = new Scheduler(_kv, options.Scheduler, info.ContextLength, model.Tokenizer.IsEndOfGeneration);
        _runner = new ModelRunner(model, _storage);
        Options = options;
        Publish();
    }

    public EngineOptions Options { get; }

    /// <summary>How long each constrained token's mask took (recent tokens; read by benchmarks and metrics).</summary>
    public MaskTimings ConstraintMaskTimings => _constraints.Timings;

    public ILanguageModel Model => _model;

    public bool HasWork => _scheduler.HasWork;

    /// <summary>The latest snapshot, replaced (not mutated) after every step so other threads can read it.</summary>
    public EngineStats Stats { get; private set; } = new();

    /// <summary>Validates and queues a request. Throws <see cref="ArgumentException"/> for a bad request and <see cref="QueueFullException"/> when full.</summary>
    public RequestState Add(GenerationRequest request)
    {
        var info = _model.Info;
        if (request.PromptTokens.Count == 0) throw new ArgumentException("the prompt has no tokens");
        if (request.PromptTokens.Count >= info.ContextLength)
            throw new ArgumentException($"the prompt has {request.PromptTokens.Count} tokens; the context holds {info.ContextLength}");
        if (request.MaxTokens < 1) throw new ArgumentException("max tokens must be at least 1");
        if (request.Lora is { } lora && !ReferenceEquals(lora.BaseShape, Model.LoraShape))
            throw new ArgumentException($"LoRA adapter '{lora.Adapters[0].Adapter.Name}' was not loaded for this engine's model");
        foreach (var t in request.PromptTokens)
            if ((uint)t >= (uint)info.VocabSize) throw new ArgumentException($"prompt token {t} is outside the vocabulary (0..{info.VocabSize - 1})");
        request.Sampling.Validate();
        var constraint = request.Grammar is null ? null : _constraints.Create(request.Grammar, request.MaxTokens);
        var state = new RequestState(_nextId++, request, _model.Tokenizer, info.VocabSize, Options.StreamInterval, constraint);
        _scheduler.Add(state.Sequence);
        _output.Add(state);
        Publish();
        return state;
    }

    /// <summary>Stops a request now and frees its blocks (a no-op if it already finished).</summary>
    public void Cancel(RequestState state)
    {
        if (state.Finished) return;
        End(state, FinishReason.Cancelled);
        Publish(); // the loop may go idle next, so publish the freed blocks now
    }

    /// <summary>Runs one step. Returns false when there was nothing to do.</summary>
    public bool Step()
    {
        var cpuStart = Environment.CpuUsage.TotalTime;
        _speculative?.Propose(_scheduler);
        var scheduled = _scheduler.Schedule();
        foreach (var seq in scheduled.Failed) FailTooLarge(seq);
        if (scheduled.IsEmpty)
        {
            Publish();
            return scheduled.Failed.Count > 0;
        }
        try
        {
            _runner.Run(scheduled);
        }
        catch (ModelUnavailableException e)
        {
            // Every KV block's contents may be gone with the stage that held them: end every request (waiting ones
            // too — the model cannot serve them now) and forget the prefix cache, so nothing reads lost keys later.
            foreach (var state in _output.Requests.ToList()) End(state, FinishReason.Error, "the model is unavailable: " + e.Message, modelUnavailable: true);
            _kv.Pool.ForgetAll();
            Publish();
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            foreach (var seq in scheduled.Scheduled)
                if (_output.TryGet(seq.Id, out var state)) End(state, FinishReason.Error, "the model failed: " + e.Message);
            Publish();
            return true;
        }
        Sample(scheduled);
        Charge(scheduled.Scheduled, (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds);
        _scheduler.UpdateFromOutput(scheduled, _stepOutput);
        foreach (var seq in _output.Process(scheduled, _stepOutput)) Release(seq);
        _counters.RecordStep(_stepOutput.TotalTokens);
        Publish();
        return true;
    }

    /// <summary>Cancels everything (shutdown).</summary>
    public void CancelAll()
    {
        foreach (var state in _output.Requests.ToList()) End(state, FinishReason.Cancelled);
    }

    public void Dispose()
    {
        _speculative?.Dispose();
        _storage.Dispose();
    }

    /// <summary>The step's new tokens: one sampled token per sequence that is up to date, or its verified drafts.</summary>
    private void Sample(SchedulerOutput scheduled)
    {
        _stepOutput.Reset(scheduled.Scheduled.Count);
        for (var i = 0; i < scheduled.Scheduled.Count; i++)
        {
            var seq = scheduled.Scheduled[i];
            if (_runner.LogitsRows(i) == 0 || !_output.TryGet(seq.Id, out var state)) continue;
            var logits = _runner.Logits(i);
            if (seq.DraftTokens.Count > 0) _speculative!.Verify(seq, i, state.Sampler, logits, _stepOutput);
            else _stepOutput.Add(i, state.Sampler, logits, state.Sampler.Sample(logits));
        }
    }

    /// <summary>
    /// Splits a step's cost among its sequences for cost accounting: the CPU time by each one's share of the scheduled
    /// tokens (a prefill chunk of 100 tokens costs about 100 decode tokens' arithmetic), the weight read equally (every
    /// sequence of the step shares one pass over the weights). The CPU time is the whole process's during the step, so
    /// work that overlaps it on other threads (HTTP, another model's engine) is charged here too.
    /// </summary>
    internal static void Charge(IReadOnlyList<Sequence> scheduled, double cpuSeconds)
    {
        long tokens = 0;
        for (var i = 0; i < scheduled.Count; i++) tokens += scheduled[i].NumScheduledTokens;
        if (tokens == 0) return;
        var weightShare = 1.0 / scheduled.Count;
        for (var i = 0; i < scheduled.Count; i++)
        {
            var seq = scheduled[i];
            seq.CpuSeconds += cpuSeconds * seq.NumScheduledTokens / tokens;
            seq.WeightShare += weightShare;
        }
    }

    private void FailTooLarge(Sequence seq)
    {
        if (!_output.TryGet(seq.Id, out var state)) return;
        var error = $"the request needs {_kv.BlocksFor(seq.Tokens.Count + 1)} KV blocks but the cache has {_kv.Pool.BlockCount}; the engine needs a larger KV cache";
        _output.Finish(state, FinishReason.Error, flush: false, error);
        Release(seq);
    }

    /// <summary>Ends a request from outside the step's output (cancellation, a failed forward pass).</summary>
    private void End(RequestState state, FinishReason reason, string? error = null, bool modelUnavailable = false)
    {
        _output.Finish(state, reason, error: error, modelUnavailable: modelUnavailable);
        Release(state.Sequence);
    }

    /// <summary>Lets go of a finished request's sequence: the scheduler frees its blocks (if it has not yet), the proposer its state.</summary>
    private void Release(Sequence seq)
    {
        _scheduler.Finish(seq);
        _speculative?.Forget(seq);
        _counters.RequestsFinished++;
    }

    private void Publish() => Stats = _counters.Snapshot(_scheduler, _kv, _storage.TotalBytes, _speculative);
}
