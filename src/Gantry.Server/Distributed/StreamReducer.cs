using System.Diagnostics;
using System.Runtime.InteropServices;
using Gantry.Models.Sharding;
using Grpc.Core;

namespace Gantry.Server.Distributed;

/// <summary>
/// A tensor shard's end of the all-reduce, over its step's TensorStep stream: it sends its partial sum to the leader
/// and blocks the forward thread until the leader sends back the sum over all shards (added there in rank order, so
/// every shard continues from the same bits). Time spent sending and waiting is counted apart from compute.
/// </summary>
internal sealed class StreamReducer(IAsyncStreamReader<StagePayload> requests, IServerStreamWriter<StagePayload> responses, CancellationToken cancel)
    : IPartialSumReducer
{
    private byte[] _send = [];
    private StagePayload? _payload;

    /// <summary>Stopwatch ticks spent in <see cref="AllReduce"/> (transport and waiting for the other shards).</summary>
    public long WaitTicks { get; private set; }

    public void AllReduce(Span<float> partial)
    {
        var started = Stopwatch.GetTimestamp();
        var bytes = 4 * partial.Length;
        if (_send.Length < bytes) _send = new byte[bytes];
        if (_payload is null || _payload.Length != bytes || _payload.Buffer != _send) _payload = new StagePayload(_send, bytes);
        MemoryMarshal.AsBytes(partial).CopyTo(_send);
        // WriteAsync completes once the message is serialised, so the buffer is free again for the next block.
        responses.WriteAsync(_payload, cancel).GetAwaiter().GetResult();
        if (!requests.MoveNext(cancel).GetAwaiter().GetResult())
            throw new RpcException(new Status(StatusCode.Cancelled, "the leader ended the step before the all-reduce"));
        var sum = requests.Current;
        if (sum.Length != bytes) throw new RpcException(new Status(StatusCode.InvalidArgument, $"an all-reduced sum of {sum.Length} bytes for a partial of {bytes}"));
        MemoryMarshal.Cast<byte, float>(sum.Span).CopyTo(partial);
        WaitTicks += Stopwatch.GetTimestamp() - started;
    }
}
