using System.Buffers.Binary;
using Gantry.Models;
using Gantry.Models.Attention;

namespace Gantry.Server.Distributed;

/// <summary>
/// One step through whole pipeline stages with micro-batches in flight: the batch is cut into micro-batches
/// (<see cref="MicroBatchPlan"/>) and micro-batch m goes to stage s once stage s − 1 has returned it and stage s has
/// returned micro-batch m − 1, so while stage 1 works on m + 1, stage 2 works on m and every stage is busy under
/// load. Each stage sees the micro-batches in order, and each row meets the same kernels as in the whole batch, so
/// results are bit-identical to running the stages one after another. The leader relays every hop (the calls are
/// asynchronous; the engine thread waits for the last). A failed call cancels the others and, once all have ended,
/// fails the step as <see cref="ModelUnavailableException"/>. Engine-loop thread only; buffers are reused.
/// </summary>
internal sealed class PipelinedStep
{
    private const int MaxMicroBatches = 16;
    private readonly int[] _starts = new int[MaxMicroBatches];
    private readonly ForwardBatch[] _parts = Enumerable.Range(0, MaxMicroBatches).Select(_ => new ForwardBatch()).ToArray();
    private readonly float[][] _hidden = Enumerable.Range(0, MaxMicroBatches).Select(_ => Array.Empty<float>()).ToArray();
    private readonly float[][] _logits = Enumerable.Range(0, MaxMicroBatches).Select(_ => Array.Empty<float>()).ToArray();
    private byte[][] _requests = [];
    private long[] _computeNanos = [];
    private long[] _sent = [];
    private long[] _received = [];
    private Exception? _failure;

    /// <summary>Runs the step in micro-batches; false (nothing sent) when the batch has no cut that keeps results identical.</summary>
    public bool TryRun(StageClient[] stages, long cacheId, ForwardBatch batch, int target, ActivationWireType wire, ModelInfo info,
        Span<float> logits, TimeSpan timeout, PipelineCounters counters)
    {
        var count = MicroBatchPlan.Plan(batch, Math.Min(target, MaxMicroBatches), _starts);
        if (count < 2) return false;
        var sequences = batch.Sequences.Length;
        for (var m = 0; m < count; m++) MicroBatchPlan.Slice(batch, _starts[m], m + 1 < count ? _starts[m + 1] : sequences, _parts[m]);
        Prepare(stages.Length, count, info);

        _failure = null;
        using var cancel = new CancellationTokenSource();
        var cells = new Task[stages.Length * count];
        for (var m = 0; m < count; m++)
            for (var s = 0; s < stages.Length; s++)
            {
                var input = s == 0 ? Task.CompletedTask : cells[(s - 1) * count + m];
                var stageFree = m == 0 ? Task.CompletedTask : cells[s * count + m - 1];
                cells[s * count + m] = RunCellAsync(stages, s, m, count, input, stageFree, cacheId, wire, info, timeout, cancel);
            }
        try
        {
            Task.WaitAll(cells);
        }
        catch (AggregateException e)
        {
            // The first failure, as the one-after-another path would have thrown it (a stage's failure is a
            // ModelUnavailableException; anything else is a fault of this process and stays what it is).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure ?? e.InnerException ?? e);
        }

        var vocab = info.VocabSize;
        var at = 0;
        for (var m = 0; m < count; m++)
        {
            var floats = _parts[m].OutputCount * vocab;
            _logits[m].AsSpan(0, floats).CopyTo(logits[at..]);
            at += floats;
        }
        Account(stages.Length, count, ActivationWire.ElementBytes(wire) * info.EmbeddingLength, counters);
        return true;
    }

    private async Task RunCellAsync(StageClient[] stages, int s, int m, int count, Task input, Task stageFree, long cacheId, ActivationWireType wire,
        ModelInfo info, TimeSpan timeout, CancellationTokenSource cancel)
    {
        try
        {
            await input.ConfigureAwait(false);
            await stageFree.ConfigureAwait(false);
            var part = _parts[m];
            var dim = info.EmbeddingLength;
            var last = s == stages.Length - 1;
            var hidden = s == 0 ? ReadOnlySpan<float>.Empty : _hidden[m].AsSpan(0, part.TokenCount * dim);
            var length = StageWire.EncodeStep(ref _requests[s], cacheId, part, hidden, wire);
            var reply = await stages[s].CallAsync(StageProtocol.Step, new StagePayload(_requests[s], length), timeout, cancel.Token).ConfigureAwait(false);
            var cell = s * count + m;
            _sent[cell] = length;
            _received[cell] = reply.Length;
            _computeNanos[cell] = last
                ? StageWire.ReadStepReply(reply.Span, _logits[m].AsSpan(0, part.OutputCount * info.VocabSize), ActivationWireType.F32, stages[s])
                : StageWire.ReadStepReply(reply.Span, _hidden[m].AsSpan(0, part.TokenCount * dim), wire, stages[s]);
        }
        catch (Exception e)
        {
            // The first failure is the cause; the cells after it fail with it (their input) or as cancelled.
            Interlocked.CompareExchange(ref _failure, e, null);
            cancel.Cancel();
            throw;
        }
    }

    private void Prepare(int stageCount, int count, ModelInfo info)
    {
        if (_requests.Length < stageCount)
        {
            _requests = Enumerable.Range(0, stageCount).Select(_ => new byte[4096]).ToArray();
        }
        var cells = stageCount * count;
        if (_computeNanos.Length < cells)
        {
            _computeNanos = new long[cells];
            _sent = new long[cells];
            _received = new long[cells];
        }
        for (var m = 0; m < count; m++)
        {
            var part = _parts[m];
            Grow(ref _hidden[m], part.TokenCount * info.EmbeddingLength);
            Grow(ref _logits[m], part.OutputCount * info.VocabSize);
        }
    }

    /// <summary>
    /// Adds the step's traffic and compute to the counters. The critical compute is the longest chain of compute
    /// through the grid of (stage, micro-batch) cells, each waiting for the cell before it on its stage and in its
    /// micro-batch: the step time if transport and relaying cost nothing.
    /// </summary>
    private void Account(int stageCount, int count, int rowBytes, PipelineCounters counters)
    {
        Span<long> finish = stackalloc long[count];
        finish.Clear();
        long work = 0;
        for (var s = 0; s < stageCount; s++)
        {
            var previous = 0L;
            for (var m = 0; m < count; m++)
            {
                var cell = s * count + m;
                finish[m] = Math.Max(finish[m], previous) + _computeNanos[cell];
                previous = finish[m];
                work += _computeNanos[cell];
                counters.BytesSent += _sent[cell];
                counters.BytesReceived += _received[cell];
                // Hidden rows go in to every stage but the first and come back from every stage but the last.
                counters.ActivationBytes += ((s > 0 ? 1 : 0) + (s < stageCount - 1 ? 1 : 0)) * (long)_parts[m].TokenCount * rowBytes;
            }
        }
        counters.StageComputeSeconds += work / 1e9;
        counters.CriticalComputeSeconds += finish[count - 1] / 1e9;
        counters.MicroBatches += count;
    }

    private static void Grow(ref float[] array, int needed)
    {
        if (array.Length < needed) array = new float[Math.Max(needed, 2 * array.Length)];
    }
}
