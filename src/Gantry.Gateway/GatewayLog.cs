using Microsoft.Extensions.Logging;

namespace Gantry.Gateway;

/// <summary>The gateway's log lines, source-generated. Never prompt or completion text.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(1, LogLevel.Information, "Gateway listening on {Address}, routing over {Replicas} replica(s) with policy '{Policy}'")]
    public static partial void Listening(ILogger logger, string address, int replicas, string policy);

    [LoggerMessage(2, LogLevel.Warning, "Replica {Replica} did not answer its metrics scrape: {Reason}")]
    public static partial void ScrapeFailed(ILogger logger, string replica, string reason);

    [LoggerMessage(3, LogLevel.Information, "DNS name {Name} now lists {Count} replica(s)")]
    public static partial void ReplicasChanged(ILogger logger, string name, int count);

    [LoggerMessage(4, LogLevel.Warning, "DNS lookup of {Name} failed, keeping the last replica set: {Reason}")]
    public static partial void DnsFailed(ILogger logger, string name, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Replica {Replica} failed a request ({Error}); left out for {Seconds} s")]
    public static partial void Ejected(ILogger logger, string replica, string error, double seconds);

    [LoggerMessage(6, LogLevel.Information, "Retrying request {RequestId} on another replica (attempt {Attempt}) after {Replica} failed before responding")]
    public static partial void Retrying(ILogger logger, string requestId, int attempt, string replica);

    [LoggerMessage(7, LogLevel.Warning, "Could not load the tokenizer for model '{Model}' from {Path}; its prompts are keyed by characters: {Reason}")]
    public static partial void TokenizerFailed(ILogger logger, string model, string path, string reason);

    [LoggerMessage(8, LogLevel.Warning, "Request {RequestId}: the shared limit store failed ({Outcome}): {Reason}")]
    public static partial void LimitStoreFailed(ILogger logger, string requestId, string outcome, string reason);
}
