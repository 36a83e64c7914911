using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Gantry.Engine.Constraints;
using Gantry.Engine.Core;
using Gantry.Engine.Output;
using Gantry.Models;

namespace Gantry.Engine;

/// <summary>
/// The public face of the engine: submit requests from any thread and read their tokens as async streams.
/// One dedicated engine-loop thread owns all mutable state (scheduler, KV cache, model); requests and
/// cancellations reach it through a channel, and tokens leave through one channel per request.
/// </summary>
public sealed class LlmEngine : IAsyncDisposable, IDisposable
{
    private readonly EngineCore _core;
    private readonly Channel<Command> _inbox = Channel.CreateUnbounded<Command>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _loop;
    private readonly CancellationTokenSource _stop = new();
    private int _queued; // requests submitted but not yet admitted by the loop, for the queue limit

    public LlmEngine(ILanguageModel model, EngineOptions? options = null)
    {
        _core = new EngineCore(model, options ?? new EngineOptions());
        _loop = new Thread(Loop) { Name = "gantry-engine", IsBackground = true };
        _loop.Start();
    }

    public ILanguageModel Model => _core.Model;

    public EngineOptions Options => _core.Options;

    /// <summary>The latest engine-stats snapshot (updated every step).</summary>
    public EngineStats Stats => _core.Stats;

    /// <summary>How long each constrained token's mask took, over the most recent constrained tokens.</summary>
    public MaskTimings ConstraintMaskTimings => _core.ConstraintMaskTimings;

    /// <summary>
    /// Streams a request's tokens. Throws <see cref="ArgumentException"/> for an invalid request and
    /// <see cref="QueueFullException"/> when the waiting queue is full, both before the first token.
    /// Cancelling <paramref name="cancellationToken"/> (or abandoning the enumeration) frees the request's KV blocks at the next step.
    /// </summary>
    public async IAsyncEnumerable<TokenEvent> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var state = await SubmitAsync(request).ConfigureAwait(false);
        var finished = false;
        using var registration = cancellationToken.Register(() => _inbox.Writer.TryWrite(new Command.Cancel(state)));
        try
        {
            await foreach (var e in state.Output.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (e.FinishReason is not null) finished = true;
                yield return e;
            }
        }
        finally
        {
            if (!finished) _inbox.Writer.TryWrite(new Command.Cancel(state));
        }
    }

    /// <summary>Runs a request to completion and collects its events.</summary>
    public async Task<IReadOnlyList<TokenEvent>> GenerateAllAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        var events = new List<TokenEvent>();
        await foreach (var e in GenerateAsync(request, cancellationToken).ConfigureAwait(false)) events.Add(e);
        return events;
    }

    /// <summary>Stops the loop after cancelling every request.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _inbox.Writer.TryComplete();
        await Task.Run(() => _loop.Join()).ConfigureAwait(false);
        _core.Dispose();
        _stop.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task<RequestState> SubmitAsync(GenerationRequest request)
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        var max = _core.Options.Scheduler.MaxQueue;
        if (Interlocked.Increment(ref _queued) + _core.Stats.Waiting > max)
        {
            Interlocked.Decrement(ref _queued);
            throw new QueueFullException(max);
        }
        var add = new Command.Add(request, new TaskCompletionSource<RequestState>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_inbox.Writer.TryWrite(add))
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(LlmEngine));
        }
        return await add.Accepted.Task.ConfigureAwait(false);
    }

    private void Loop()
    {
        var reader = _inbox.Reader;
        while (!_stop.IsCancellationRequested)
        {
            while (reader.TryRead(out var command)) Handle(command);
            if (_core.HasWork)
            {
                _core.Step();
                continue;
            }
            try
            {
                if (!reader.WaitToReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult()) break;
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        while (reader.TryRead(out var command))
        {
            if (command is Command.Add add) add.Accepted.TrySetException(new ObjectDisposedException(nameof(LlmEngine)));
        }
        _core.CancelAll();
    }

    private void Handle(Command command)
    {
        switch (command)
        {
            case Command.Add add:
                Interlocked.Decrement(ref _queued);
                try
                {
                    add.Accepted.TrySetResult(_core.Add(add.Request));
                }
                catch (Exception e) when (e is ArgumentException or QueueFullException)
                {
                    add.Accepted.TrySetException(e);
                }
                break;
            case Command.Cancel cancel:
                _core.Cancel(cancel.State);
                break;
        }
    }

    private abstract record Command
    {
        public sealed record Add(GenerationRequest Request, TaskCompletionSource<RequestState> Accepted) : Command;

        public sealed record Cancel(RequestState State) : Command;
    }
}
