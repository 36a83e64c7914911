using Yarp.ReverseProxy.Model;

namespace Gantry.Gateway.Routing;

/// <summary>
/// What routing needs to know about one request, read once from its body by <see cref="RequestInspector"/> and kept as an
/// HttpContext feature for the policies, the model filter and the retry loop.
/// </summary>
public sealed class RoutingRequest
{
    /// <summary>The body's <c>model</c>; null when absent or not a string (the replica then answers the 400).</summary>
    public string? Model { get; init; }

    /// <summary>The chained block hash of the prompt's first blocks; null when the body has no prompt.</summary>
    public ulong? PrefixKey { get; init; }

    /// <summary>The body's <c>user</c>, else the session header; null when neither.</summary>
    public string? Session { get; init; }

    public bool Stream { get; init; }

    /// <summary>Tokens the request may use, as the shared limits reserve them before it runs: the body's bytes / 4 for the
    /// prompt, plus <c>max_tokens</c> (or <c>max_completion_tokens</c>, else 256) for each of its <c>n</c> choices.</summary>
    public long ReserveTokens { get; init; }

    /// <summary>The prompt part of <see cref="ReserveTokens"/> (body bytes / 4): a stream without a usage chunk is charged this plus its counted deltas.</summary>
    public long PromptTokensEstimate { get; init; }

    public string RequestId { get; init; } = "";

    /// <summary>The replicas this request may go to (those serving its model, healthy), fixed before the first attempt.</summary>
    public IReadOnlyList<DestinationState> Candidates { get; set; } = [];

    /// <summary>Set by the response transform when a replica refused the request before generating (503 draining or
    /// not ready): its body was not forwarded, so another replica may still answer.</summary>
    public bool RefusedByReplica { get; set; }
}
