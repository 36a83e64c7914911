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
        var shape = StageWire.EncodeStageShape(_stage.Layers, info.LayerCount, info.EmbeddingLength, info.VocabSize);
        return Task.FromResult(new StagePayload(shape, shape.Length));
    }

    public override Task<StagePayload> Step(StagePayload request, ServerCallContext context)
    {
        lock (_gate)
        {
            var (cacheId, hiddenBytes) = Decode(() => StageWire.DecodeStep(request.Buffer, _batch));
            if (_cache is null || cacheId != _cacheId)
                throw new RpcException(new Status(StatusCode.FailedPrecondition, $"stage {_stage.Layers} has no KV cache {cacheId} (it restarted or was reconfigured)"));
            CheckBatch(_cache);
            var info = _stage.Info;
            var n = _batch.TokenCount;
            var dim = info.EmbeddingLength;
            if (!_stage.IsFirst && hiddenBytes.Length != 4 * n * dim)
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"stage {_stage.Layers} needs {n}×{dim} hidden floats, got {hiddenBytes.Length / 4}"));
            var outFloats = _stage.IsLast ? _batch.OutputCount * info.VocabSize : n * dim;
            if (_hidden.Length < hiddenBytes.Length / 4) _hidden = new float[hiddenBytes.Length / 4];
            MemoryMarshal.Cast<byte, float>(hiddenBytes.Span).CopyTo(_hidden);
            if (_output.Length < outFloats) _output = new float[outFloats];
            var started = Stopwatch.GetTimestamp();
            _stage.ForwardStage(_batch, _cache, _hidden.AsSpan(0, hiddenBytes.Length / 4), _output.AsSpan(0, outFloats));
            var computeNanos = (long)(Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1e6);
            StepsRun++;
            // The reply is serialised after this returns, so it gets its own array rather than the reused one.
            var reply = new byte[4 * outFloats + 8];
            MemoryMarshal.AsBytes(_output.AsSpan(0, outFloats)).CopyTo(reply);
            BinaryPrimitives.WriteInt64LittleEndian(reply.AsSpan(4 * outFloats), computeNanos);
            return Task.FromResult(new StagePayload(reply, reply.Length));
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
