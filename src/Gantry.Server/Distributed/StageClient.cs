using Gantry.Models;
using Grpc.Core;
using Grpc.Net.Client;

namespace Gantry.Server.Distributed;

/// <summary>
/// The leader's connection to one stage: a gRPC channel over cleartext HTTP/2 with raised windows and no message
/// limit. Every call has a deadline; any failure (refused, reset, deadline, a stage's refusal) becomes a
/// <see cref="ModelUnavailableException"/> naming the stage, the engine's signal that KV contents are lost.
/// The channel reconnects by itself when the stage comes back.
/// </summary>
internal sealed class StageClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;

    public StageClient(Uri address, int index)
    {
        Address = address;
        Index = index;
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
            // After a refused connection the channel backs off before dialling again; keep that short so a worker
            // that comes back is used within about a second (calls fail fast meanwhile, never wait).
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(100),
            MaxReconnectBackoff = TimeSpan.FromSeconds(1),
            HttpHandler = new SocketsHttpHandler
            {
                InitialHttp2StreamWindowSize = StageWorkerHost.WindowBytes,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                KeepAlivePingDelay = TimeSpan.FromSeconds(30),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            },
        });
        _invoker = _channel.CreateCallInvoker();
    }

    public Uri Address { get; }

    public int Index { get; }

    /// <summary>One unary call, blocking the calling (engine-loop) thread until the reply or the deadline.</summary>
    public StagePayload Call(Method<StagePayload, StagePayload> method, StagePayload request, TimeSpan timeout)
    {
        try
        {
            return _invoker.BlockingUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow + timeout), request);
        }
        catch (RpcException e)
        {
            throw Failure(method.Name, e, timeout);
        }
    }

    /// <summary>One unary call without blocking (micro-batches in flight); <paramref name="cancel"/> ends it early.</summary>
    public async Task<StagePayload> CallAsync(Method<StagePayload, StagePayload> method, StagePayload request, TimeSpan timeout, CancellationToken cancel)
    {
        try
        {
            using var call = _invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow + timeout, cancellationToken: cancel), request);
            return await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Failure(method.Name, e, timeout);
        }
    }

    /// <summary>Opens a duplex stream (a tensor shard's step) that must end by <paramref name="deadline"/>.</summary>
    public AsyncDuplexStreamingCall<StagePayload, StagePayload> Open(Method<StagePayload, StagePayload> method, DateTime deadline) =>
        _invoker.AsyncDuplexStreamingCall(method, null, new CallOptions(deadline: deadline));

    /// <summary>The engine's view of a failed call to this worker: its KV contents can no longer be trusted.</summary>
    public ModelUnavailableException Failure(string method, RpcException e, TimeSpan timeout)
    {
        var why = e.StatusCode == StatusCode.DeadlineExceeded ? $"no reply within {timeout.TotalSeconds:0.#} s" : $"{e.StatusCode}: {e.Status.Detail}";
        return new ModelUnavailableException($"pipeline stage {Index} ({Address}) failed {method}: {why}", e);
    }

    public void Dispose() => _channel.Dispose();
}
