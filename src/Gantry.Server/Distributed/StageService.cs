using Grpc.Core;

namespace Gantry.Server.Distributed;

/// <summary>
/// The server side of <see cref="StageProtocol"/>, in the shape ASP.NET Core's gRPC binds: an abstract base naming the
/// methods (hand-written in place of protoc's generated base class), implemented by <see cref="StageWorker"/>.
/// </summary>
[BindServiceMethod(typeof(StageService), nameof(BindService))]
public abstract class StageService
{
    public abstract Task<StagePayload> Configure(StagePayload request, ServerCallContext context);

    public abstract Task<StagePayload> Step(StagePayload request, ServerCallContext context);

    public abstract Task TensorStep(IAsyncStreamReader<StagePayload> requests, IServerStreamWriter<StagePayload> responses, ServerCallContext context);

    /// <summary>Registers the methods; the host binds them to the overrides of the same names.</summary>
    public static void BindService(ServiceBinderBase binder, StageService? service)
    {
        binder.AddMethod(StageProtocol.Configure, service is null ? null : service.Configure);
        binder.AddMethod(StageProtocol.Step, service is null ? null : service.Step);
        binder.AddMethod(StageProtocol.TensorStep, service is null ? null : service.TensorStep);
    }
}
