using System.Diagnostics;
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

    /// <summary>How partial sums and sums cross the wire (the step's activation type).</summary>
    public ActivationWireType Wire { get; set; }

    /// <summary>Stopwatch ticks spent in <see cref="AllReduce"/> (transport and waiting for the other shards).</summary>
    public long WaitTicks { get; private set; }

    public void AllReduce(Span<float> partial)
    {
        var started = Stopwatch.GetTimestamp();
        var bytes = ActivationWire.ElementBytes(Wire) * partial.Length;
        if (_send.Length < bytes) _send = new byte[bytes];
        if (_payload is null || _payload.Length != bytes || _payload.Buffer != _send) _payload = new StagePayload(_send, bytes);
        ActivationWire.Write(partial, _send.AsSpan(0, bytes), Wire);
        // WriteAsync completes once the message is serialised, so the buffer is free again for the next block.
        responses.WriteAsync(_payload, cancel).GetAwaiter().GetResult();
        if (!requests.MoveNext(cancel).GetAwaiter().GetResult())
            throw new RpcException(new Status(StatusCode.Cancelled, "the leader ended the step before the all-reduce"));
        var sum = requests.Current;
        if (sum.Length != bytes) throw new RpcException(new Status(StatusCode.InvalidArgument, $"an all-reduced sum of {sum.Length} bytes for a partial of {bytes}"));
        ActivationWire.Read(sum.Span, partial, Wire);
        WaitTicks += Stopwatch.GetTimestamp() - started;
    }
}
