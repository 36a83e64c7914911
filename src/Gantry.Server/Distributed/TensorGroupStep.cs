using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Gantry.Models;
using Grpc.Core;

namespace Gantry.Server.Distributed;

/// <summary>
/// The leader's side of one step through a tensor-parallel group: one TensorStep stream per shard; for each of the
/// group's all-reduces (attention and feed-forward of every block) it reads every shard's partial sum, adds them in
/// rank order (0, 1, …) into one buffer and sends that same sum to every shard, so results never depend on which
/// shard answered first. Then it reads the step's results: shard 0's hidden rows, or every shard's columns of the
/// logits put side by side. Any failure or the deadline fails the step as <see cref="ModelUnavailableException"/>.
/// Engine-loop thread only; buffers are reused across steps.
/// </summary>
internal sealed class TensorGroupStep
{
    private float[] _sum = [];
    private float[] _partial = [];
    private byte[] _sumBytes = [];

    /// <param name="hiddenOut">(tokens, dim) the residual rows after the group, unless it is the last.</param>
    /// <param name="logits">(outputs, vocab) on the last group.</param>
    public void Run(StageGroup group, StagePayload request, int tokens, int dim, bool last, int outputs, int vocab,
        Span<float> hiddenOut, Span<float> logits, TimeSpan timeout, PipelineCounters counters, ActivationWireType wire = ActivationWireType.F32)
    {
        var shards = group.Shards;
        var calls = new AsyncDuplexStreamingCall<StagePayload, StagePayload>[shards.Length];
        var deadline = DateTime.UtcNow + timeout;
        try
        {
            for (var r = 0; r < shards.Length; r++) calls[r] = shards[r].Open(StageProtocol.TensorStep, deadline);
            SendAll(calls, request, timeout, group);
            counters.BytesSent += (long)shards.Length * request.Length;

            var floats = tokens * dim;
            var wireBytes = ActivationWire.ElementBytes(wire) * floats;
            if (_sum.Length < floats) _sum = new float[floats];
            if (_partial.Length < floats) _partial = new float[floats];
            if (_sumBytes.Length < wireBytes) _sumBytes = new byte[wireBytes];
            var sumPayload = new StagePayload(_sumBytes, wireBytes);
            var sum = _sum.AsSpan(0, floats);
            var partialValues = _partial.AsSpan(0, floats);
            for (var reduce = 0; reduce < 2 * group.Layers.Count; reduce++)
            {
                for (var r = 0; r < shards.Length; r++)
                {
                    var partial = Receive(calls[r], shards[r], timeout, wireBytes, counters);
                    // Summed in F32 whatever the wire carries, in rank order.
                    ActivationWire.Read(partial.Span, r == 0 ? sum : partialValues, wire);
                    if (r > 0) TensorPrimitives.Add(sum, partialValues, sum);
                }
                ActivationWire.Write(sum, _sumBytes.AsSpan(0, wireBytes), wire);
                SendAll(calls, sumPayload, timeout, group);
                counters.BytesSent += (long)shards.Length * sumPayload.Length;
                counters.ActivationBytes += 2L * shards.Length * wireBytes;
            }

            var slowest = 0L;
            for (var r = 0; r < shards.Length; r++)
            {
                var (start, share) = last ? new Models.Sharding.TensorSlice(r, shards.Length).Share(vocab) : (0, 0);
                var resultFloats = last ? outputs * share : r == 0 ? floats : 0;
                // Logits come as F32; a middle stage's hidden rows in the activation type.
                var resultBytes = (last ? 4 : ActivationWire.ElementBytes(wire)) * resultFloats;
                var reply = Receive(calls[r], shards[r], timeout, resultBytes + 8, counters);
                if (last)
                {
                    var values = MemoryMarshal.Cast<byte, float>(reply.Span[..resultBytes]);
                    for (var o = 0; o < outputs; o++) values.Slice(o * share, share).CopyTo(logits.Slice(o * vocab + start, share));
                }
                else if (r == 0)
                {
                    ActivationWire.Read(reply.Span[..resultBytes], hiddenOut[..floats], wire);
                    counters.ActivationBytes += resultBytes;
                }
                slowest = Math.Max(slowest, BinaryPrimitives.ReadInt64LittleEndian(reply.Span[resultBytes..]));
            }
            // The shards compute side by side, so the group's compute time is its slowest shard's.
            counters.StageComputeSeconds += slowest / 1e9;
            counters.CriticalComputeSeconds += slowest / 1e9;
            for (var r = 0; r < shards.Length; r++) Await(calls[r].RequestStream.CompleteAsync(), shards[r], timeout);
        }
        finally
        {
            foreach (var call in calls) call?.Dispose(); // cancels any stream still open, so no shard waits on a dead step
        }
    }

    private static void SendAll(AsyncDuplexStreamingCall<StagePayload, StagePayload>[] calls, StagePayload message, TimeSpan timeout, StageGroup group)
    {
        // Writes to different streams go out together; each is awaited before its buffer is reused.
        var writes = new Task[calls.Length];
        for (var r = 0; r < calls.Length; r++) writes[r] = calls[r].RequestStream.WriteAsync(message);
        for (var r = 0; r < calls.Length; r++) Await(writes[r], group.Shards[r], timeout);
    }

    private static StagePayload Receive(AsyncDuplexStreamingCall<StagePayload, StagePayload> call, StageClient shard, TimeSpan timeout, int expectedBytes, PipelineCounters counters)
    {
        bool more;
        try
        {
            more = call.ResponseStream.MoveNext(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (RpcException e)
        {
            throw shard.Failure(StageProtocol.TensorStep.Name, e, timeout);
        }
        if (!more) throw new ModelUnavailableException($"tensor shard {shard.Index} ({shard.Address}) ended its step early");
        var message = call.ResponseStream.Current;
        if (message.Length != expectedBytes)
            throw new ModelUnavailableException($"tensor shard {shard.Index} ({shard.Address}) sent {message.Length} bytes; expected {expectedBytes}");
        counters.BytesReceived += message.Length;
        return message;
    }

    private static void Await(Task task, StageClient shard, TimeSpan timeout)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (RpcException e)
        {
            throw shard.Failure(StageProtocol.TensorStep.Name, e, timeout);
        }
        catch (InvalidOperationException e)
        {
            // Writing to a stream the server already ended (it failed): the call's status says why.
            throw new ModelUnavailableException($"tensor shard {shard.Index} ({shard.Address}) closed its step: {e.Message}", e);
        }
    }
}
