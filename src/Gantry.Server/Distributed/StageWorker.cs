using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Gantry.Models.Attention;
using Gantry.Models.Sharding;
using Grpc.Core;

namespace Gantry.Server.Distributed;

/// <summary>
/// The worker side of the stage protocol: one <see cref="IModelStage"/>, its KV cache, and the cache id the leader
/// last configured. A step carrying another id is refused (FailedPrecondition): this worker restarted or was
/// reconfigured, so the keys the leader believes in are gone. Steps run one at a time (a lock), as a stage is
/// single-threaded; block ids and positions are checked against the cache before the model touches memory.
/// A tensor shard runs its steps over <c>TensorStep</c> streams, whole stages over unary <c>Step</c> calls.
/// </summary>
public sealed class StageWorker : StageService, IDisposable
{
    private readonly IModelStage _stage;
    private readonly Lock _gate = new();
    private readonly ForwardBatch _batch = new();
    private KvCacheStorage? _cache;
    private long _cacheId;
    private float[] _hidden = [];
    private float[] _output = [];

    public StageWorker(IModelStage stage) => _stage = stage;

    public IModelStage Stage => _stage;

    /// <summary>Steps run since start (tests and logs).</summary>
    public long StepsRun { get; private set; }

    public override Task<StagePayload> Configure(StagePayload request, ServerCallContext context)
    {
        var (cacheId, blockSize, blockCount, type) = Decode(() => StageWire.DecodeConfigure(request.Span));
        lock (_gate)
        {
            _cache?.Dispose();
            _cache = null;
            try
            {
                _cache = _stage.CreateKvCache(blockSize, blockCount, type);
            }
            catch (ArgumentException e)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
            }
            _cacheId = cacheId;
        }
        var info = _stage.Info;
        var shape = StageWire.EncodeStageShape(_stage.Layers, info.LayerCount, info.EmbeddingLength, info.VocabSize, _stage.Slice);
        return Task.FromResult(new StagePayload(shape, shape.Length));
    }

    public override Task<StagePayload> Step(StagePayload request, ServerCallContext context)
    {
        if (!_stage.Slice.IsWhole) throw new RpcException(new Status(StatusCode.FailedPrecondition, $"tensor shard {_stage.Slice} runs steps over TensorStep"));
        return Task.FromResult(RunStep(request, null));
    }

    /// <summary>
    /// A tensor shard's step: the first message is the batch; the forward runs on a thread of its own, which blocks at
    /// each all-reduce on this stream (<see cref="StreamReducer"/>) while the handler stays free of blocking.
    /// </summary>
    public override async Task TensorStep(IAsyncStreamReader<StagePayload> requests, IServerStreamWriter<StagePayload> responses, ServerCallContext context)
    {
        if (_stage.Slice.IsWhole) throw new RpcException(new Status(StatusCode.FailedPrecondition, $"stage {_stage.Layers} is not a tensor shard; it runs steps over Step"));
        if (!await requests.MoveNext(context.CancellationToken)) throw new RpcException(new Status(StatusCode.InvalidArgument, "a TensorStep stream ended before its batch"));
        var request = requests.Current;
        var reducer = new StreamReducer(requests, responses, context.CancellationToken);
        var reply = await Task.Factory.StartNew(() => RunStep(request, reducer), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await responses.WriteAsync(reply, context.CancellationToken);
    }

    private StagePayload RunStep(StagePayload request, StreamReducer? reducer)
    {
        lock (_gate)
        {
            var (cacheId, hiddenBytes, wire) = Decode(() => StageWire.DecodeStep(request.Buffer, _batch));
            if (_cache is null || cacheId != _cacheId)
                throw new RpcException(new Status(StatusCode.FailedPrecondition, $"stage {_stage.Layers} has no KV cache {cacheId} (it restarted or was reconfigured)"));
            CheckBatch(_cache);
            var info = _stage.Info;
            var n = _batch.TokenCount;
            var dim = info.EmbeddingLength;
            var element = ActivationWire.ElementBytes(wire);
            var hiddenFloats = hiddenBytes.Length / element;
            if (!_stage.IsFirst && hiddenFloats != n * dim)
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"stage {_stage.Layers} needs {n}×{dim} hidden values, got {hiddenFloats}"));
            var outFloats = _stage.IsLast ? _batch.OutputCount * _stage.Slice.Share(info.VocabSize).Count : n * dim;
            if (_hidden.Length < hiddenFloats) _hidden = new float[hiddenFloats];
            ActivationWire.Read(hiddenBytes.Span, _hidden.AsSpan(0, hiddenFloats), wire);
            if (_output.Length < outFloats) _output = new float[outFloats];
            if (reducer is not null) reducer.Wire = wire;
            var started = Stopwatch.GetTimestamp();
            _stage.ForwardStage(_batch, _cache, _hidden.AsSpan(0, hiddenFloats), _output.AsSpan(0, outFloats), reducer);
            var computeNanos = (long)(Stopwatch.GetElapsedTime(started, Stopwatch.GetTimestamp() - (reducer?.WaitTicks ?? 0)).TotalMilliseconds * 1e6);
            StepsRun++;
            // Every shard ends a middle stage with the same residual rows, so only shard 0 sends them.
            var replyFloats = !_stage.IsLast && _stage.Slice.Rank != 0 ? 0 : outFloats;
            // Hidden rows go back in the request's activation type; logits always as F32.
            var replyWire = _stage.IsLast ? ActivationWireType.F32 : wire;
            var replyBytes = ActivationWire.ElementBytes(replyWire) * replyFloats;
            // The reply is serialised after this returns, so it gets its own array rather than the reused one.
            var reply = new byte[replyBytes + 8];
            ActivationWire.Write(_output.AsSpan(0, replyFloats), reply.AsSpan(0, replyBytes), replyWire);
            BinaryPrimitives.WriteInt64LittleEndian(reply.AsSpan(replyBytes), computeNanos);
            return new StagePayload(reply, reply.Length);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _cache?.Dispose();
            _cache = null;
            _stage.Dispose();
        }
    }

    /// <summary>Every block id inside the cache, every position inside its sequence's table: the kernels only assert this.</summary>
    private void CheckBatch(KvCacheStorage cache)
    {
        foreach (var s in _batch.Sequences)
        {
            var table = _batch.BlockTable(s);
            foreach (var block in table)
                if ((uint)block >= (uint)cache.BlockCount) throw new RpcException(new Status(StatusCode.InvalidArgument, $"block id {block} is outside the cache (0..{cache.BlockCount - 1})"));
            if (s.StartPosition < 0 || (long)s.StartPosition + s.TokenCount > (long)table.Length * cache.BlockSize)
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"positions {s.StartPosition}..{s.StartPosition + s.TokenCount - 1} exceed the sequence's {table.Length} blocks"));
        }
    }

    private static T Decode<T>(Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
    }
}
