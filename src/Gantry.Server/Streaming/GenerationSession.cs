using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Gantry.Engine;
using Gantry.Server.Metrics;
using Gantry.Server.Protocol;
using Gantry.Server.Validation;

namespace Gantry.Server.Streaming;

/// <summary>One engine event of one choice.</summary>
internal readonly record struct ChoiceEvent(int Index, TokenEvent Event);

/// <summary>
/// Runs a plan's choices on the engine and reads their events as one stream. <see cref="StartAsync"/> waits for every
/// choice's first event, so refusals (queue full, invalid request) become an <see cref="ApiError"/> before any byte of the
/// response is written. Disposing cancels whatever is still running, which frees its KV blocks at the next engine step.
/// Used by one request-handling flow at a time.
/// </summary>
internal sealed class GenerationSession : IAsyncDisposable
{
    private readonly IAsyncEnumerator<TokenEvent>[] _choices;
    private readonly RequestRecorder _metrics;
    private readonly long _start;
    private readonly long[] _last;
    private readonly bool[] _pendingFirst;
    private readonly Channel<ChoiceEvent>? _merged;
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenSource[] _choiceCts; // each linked to _cts, so one choice can stop alone
    private Task? _pumps;
    private int _single = -1; // n = 1: 0 = first event pending, 1 = reading the enumerator
    private int _openCount;   // n > 1: pumps still running; the last one completes the merged channel
    private readonly IReadOnlyList<ChoiceEvent>? _replay; // a replayed session's events (already recorded when first read)
    private int _replayed;

    private GenerationSession(IAsyncEnumerator<TokenEvent>[] choices, RequestRecorder metrics, long start, CancellationTokenSource cts, CancellationTokenSource[] choiceCts)
    {
        _choices = choices;
        _choiceCts = choiceCts;
        _metrics = metrics;
        _start = start;
        _cts = cts;
        _last = new long[choices.Length];
        _pendingFirst = new bool[choices.Length];
        if (choices.Length > 1) _merged = Channel.CreateUnbounded<ChoiceEvent>(new UnboundedChannelOptions { SingleReader = true });
    }

    /// <summary>
    /// A session over events already read from another one (a cascade's buffered small-model answer): it hands them
    /// out again in order without touching the engine or the metrics, which saw them the first time. Stopping a choice
    /// is a no-op; readers skip a stopped choice's remaining events anyway.
    /// </summary>
    public static GenerationSession Replay(IReadOnlyList<ChoiceEvent> events) => new(events);

    private GenerationSession(IReadOnlyList<ChoiceEvent> events)
    {
        _replay = events;
        _choices = [];
        _choiceCts = [];
        _metrics = null!;
        _last = [];
        _pendingFirst = [];
        _cts = new CancellationTokenSource();
    }

    public ChoiceEvent Current { get; private set; }

    /// <summary>The request's OpenTelemetry trace, told every event (set right after <see cref="StartAsync"/>).</summary>
    public Telemetry.RequestTrace? Trace { get; set; }

    public static async Task<(GenerationSession? Session, ApiError? Error)> StartAsync(GenerationPlan plan, RequestRecorder metrics, long start, CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var count = plan.ChoiceCount;
        var enumerators = new IAsyncEnumerator<TokenEvent>[count];
        var choiceCts = new CancellationTokenSource[count];
        var firsts = new ValueTask<bool>[count];
        for (var i = 0; i < count; i++)
        {
            choiceCts[i] = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
            enumerators[i] = plan.Model.Engine.GenerateAsync(plan.RequestFor(i), choiceCts[i].Token).GetAsyncEnumerator(choiceCts[i].Token);
            firsts[i] = enumerators[i].MoveNextAsync();
        }
        ApiError? error = null;
        for (var i = 0; i < count; i++)
        {
            try
            {
                if (!await firsts[i].ConfigureAwait(false)) error ??= ApiError.Internal("the engine closed the stream without an event");
            }
            catch (Exception e) when (ErrorMapper.Map(e) is not null)
            {
                error ??= ErrorMapper.Map(e);
            }
        }
        var session = new GenerationSession(enumerators, metrics, start, cts, choiceCts);
        if (error is null)
        {
            for (var i = 0; i < count; i++) session._pendingFirst[i] = true;
            session._single = count == 1 ? 0 : -1;
            session._openCount = count;
            if (count > 1) session._pumps = Task.WhenAll(Enumerable.Range(0, count).Select(session.PumpAsync));
            return (session, null);
        }
        await session.DisposeAsync().ConfigureAwait(false);
        return (null, error);
    }

    /// <summary>
    /// Advances to the next event. When the returned task is not already complete the caller is about to wait, which
    /// is the moment to flush what it has written (one flush per burst of events, not per token).
    /// </summary>
    public ValueTask<bool> MoveNextAsync()
    {
        if (_replay is not null)
        {
            if (_replayed == _replay.Count) return ValueTask.FromResult(false);
            Current = _replay[_replayed++];
            return ValueTask.FromResult(true);
        }
        if (_single >= 0)
        {
            var e = _choices[0];
            if (_single == 0)
            {
                _single = 1;
                Current = Record(new ChoiceEvent(0, e.Current));
                return ValueTask.FromResult(true);
            }
            var next = e.MoveNextAsync();
            if (next.IsCompletedSuccessfully)
            {
                if (!next.Result) return ValueTask.FromResult(false);
                Current = Record(new ChoiceEvent(0, e.Current));
                return ValueTask.FromResult(true);
            }
            return AwaitSingle(next);
        }
        if (_merged!.Reader.TryRead(out var item))
        {
            Current = Record(item);
            return ValueTask.FromResult(true);
        }
        return AwaitMerged();
    }

    // Pooled builders: these suspend on almost every token (the engine emits one token per step), and a plain async
    // ValueTask method would allocate its state machine box each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> AwaitSingle(ValueTask<bool> next)
    {
        if (!await next.ConfigureAwait(false)) return false;
        Current = Record(new ChoiceEvent(0, _choices[0].Current));
        return true;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> AwaitMerged()
    {
        while (await _merged!.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (_merged.Reader.TryRead(out var item))
            {
                Current = Record(item);
                return true;
            }
        }
        return false;
    }

    private async Task PumpAsync(int index)
    {
        var e = _choices[index];
        try
        {
            _merged!.Writer.TryWrite(new ChoiceEvent(index, e.Current));
            while (await e.MoveNextAsync().ConfigureAwait(false)) _merged.Writer.TryWrite(new ChoiceEvent(index, e.Current));
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            _merged!.Writer.TryWrite(new ChoiceEvent(index, new TokenEvent { FinishReason = FinishReason.Cancelled }));
        }
        finally
        {
            if (Interlocked.Decrement(ref _openCount) == 0) _merged!.Writer.TryComplete();
        }
    }

    /// <summary>Latency metrics: time to first token, inter-token latency, end-to-end at the final event.</summary>
    private ChoiceEvent Record(ChoiceEvent item)
    {
        var now = Stopwatch.GetTimestamp();
        var e = item.Event;
        var i = item.Index;
        Trace?.OnEvent(i, e, now);
        if (e.TokenId >= 0)
        {
            if (_pendingFirst[i])
            {
                _pendingFirst[i] = false;
                _metrics.FirstToken(Stopwatch.GetElapsedTime(_start, now).TotalSeconds);
            }
            else
            {
                _metrics.InterTokenLatency.Observe(Stopwatch.GetElapsedTime(_last[i], now).TotalSeconds);
            }
            _last[i] = now;
            if (e.LogProb is { } logProb) _metrics.TokenLogProb(logProb);
        }
        if (e.Usage is { } usage) _metrics.ChoiceEnded(usage, e.CpuSeconds ?? 0, e.WeightShare ?? 0);
        if (e.FinishReason is { } reason && reason != FinishReason.Cancelled)
        {
            _metrics.EndToEndLatency.Observe(Stopwatch.GetElapsedTime(_start, now).TotalSeconds);
            _metrics.Finished(Wire.FinishReason(reason), e.Usage?.PromptTokens ?? 0, e.Usage?.CompletionTokens ?? 0);
        }
        return item;
    }

    /// <summary>
    /// Stops one choice now (a guardrail ended it): the engine frees its KV blocks at its next step and sends the
    /// choice's final event, <see cref="FinishReason.Cancelled"/> with its usage, which the reader still receives.
    /// </summary>
    public void Cancel(int index)
    {
        if (_replay is null) _choiceCts[index].Cancel();
    }

    /// <summary>
    /// The client went away while <paramref name="pending"/> (a <see cref="MoveNextAsync"/> not yet complete) was in
    /// flight: cancels every choice and waits for that read to end, which the engine's cancellation makes prompt. A
    /// reader must never leave a read in flight: disposing an engine enumerator while its <c>MoveNextAsync</c> runs
    /// throws <see cref="NotSupportedException"/> (compiler-generated async iterators refuse it).
    /// </summary>
    public async ValueTask AbandonAsync(ValueTask<bool> pending)
    {
        _cts.Cancel();
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _cts.Cancel();
        if (_pumps is not null)
        {
            try { await _pumps.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
        foreach (var e in _choices)
        {
            try { await e.DisposeAsync().ConfigureAwait(false); } catch (OperationCanceledException) { } catch (InvalidOperationException) { }
        }
        foreach (var c in _choiceCts) c.Dispose();
        _cts.Dispose();
    }
}
