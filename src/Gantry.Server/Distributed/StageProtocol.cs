using Grpc.Core;

namespace Gantry.Server.Distributed;

/// <summary>
/// The gRPC service between a leader and its pipeline stages, written by hand over raw bytes (no generated code, no
/// per-element protobuf): <c>Configure</c> gives a stage a fresh KV cache and returns what it holds; <c>Step</c> runs
/// one engine step's batch through it (unary); <c>TensorStep</c> does so on a tensor-parallel shard, a duplex stream
/// that carries the all-reduces of the step too. One HTTP/2 stream per worker per step. Layouts: <see cref="StageWire"/>.
/// </summary>
public static class StageProtocol
{
    public const string ServiceName = "gantry.pipeline.v1.Stage";

    /// <summary>Largest message either side accepts: the logits of a big verification step are tens of megabytes.</summary>
    public const int MaxMessageBytes = int.MaxValue;

    public static readonly Marshaller<StagePayload> Marshaller = Marshallers.Create(Serialize, Deserialize);

    public static readonly Method<StagePayload, StagePayload> Configure = new(MethodType.Unary, ServiceName, "Configure", Marshaller, Marshaller);

    public static readonly Method<StagePayload, StagePayload> Step = new(MethodType.Unary, ServiceName, "Step", Marshaller, Marshaller);

    /// <summary>A tensor shard's step: a duplex stream carrying the batch, the partial sums out and the all-reduced sums back.</summary>
    public static readonly Method<StagePayload, StagePayload> TensorStep = new(MethodType.DuplexStreaming, ServiceName, "TensorStep", Marshaller, Marshaller);

    private static void Serialize(StagePayload payload, SerializationContext context)
    {
        context.SetPayloadLength(payload.Length);
        var writer = context.GetBufferWriter();
        payload.Span.CopyTo(writer.GetSpan(payload.Length));
        writer.Advance(payload.Length);
        context.Complete();
    }

    private static StagePayload Deserialize(DeserializationContext context)
    {
        var bytes = context.PayloadAsNewBuffer();
        return new StagePayload(bytes, bytes.Length);
    }
}
